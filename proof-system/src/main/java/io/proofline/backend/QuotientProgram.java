package io.proofline.backend;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.Arrays;
import java.util.List;

/**
 * A circuit's quotient numerator as a straight-line program over base-field registers, for a
 * back end that evaluates it where the extensions are ({@link ProverBackend#quotient}): the
 * same instructions run for every point, so one thread per row on a GPU, or a block of rows per
 * instruction on a CPU, does the whole constraint system without a line of gate-specific code.
 *
 * <p>An instruction is four {@code int}s, {@code op, dst, a, b}, with the opcodes below (the
 * {@code PL_Q_*} values of {@code proofline_native.h}); {@code k} indexes {@link #constants()}.
 * The last instruction is the only {@link #OUT}, naming the registers of the numerator's
 * {@code c0} and {@code c1}. Every register is written before it is read.
 */
public final class QuotientProgram {

    /** {@code r[dst] = constants[a]}. */
    public static final int CONST = 0;
    /** {@code r[dst] =} column {@code b} of extension {@code a} (0 setup, 1 witness, 2 products) at the row. */
    public static final int COLUMN = 1;
    /** As {@link #COLUMN}, at the row of {@code omega x}. */
    public static final int NEXT = 2;
    /** {@code r[dst] =} the public inputs' column at the row. */
    public static final int PUBLIC = 3;
    /** {@code r[dst] =} the row's point {@code x}. */
    public static final int X = 4;
    /** {@code r[dst] = L_0(x) = (x^n - 1) / (n (x - 1))}. */
    public static final int L0 = 5;
    /** {@code r[dst] = r[a] + r[b]}. */
    public static final int ADD = 6;
    /** {@code r[dst] = r[a] - r[b]}. */
    public static final int SUB = 7;
    /** {@code r[dst] = r[a] * r[b]}. */
    public static final int MUL = 8;
    /** {@code r[dst] = r[a] + constants[b]}. */
    public static final int ADD_CONST = 9;
    /** {@code r[dst] = r[a] - constants[b]}. */
    public static final int SUB_CONST = 10;
    /** {@code r[dst] = constants[b] - r[a]}. */
    public static final int CONST_SUB = 11;
    /** {@code r[dst] = r[a] * constants[b]}. */
    public static final int MUL_CONST = 12;
    /** The numerator is {@code (r[a], r[b])}. */
    public static final int OUT = 13;

    /** Extensions read by {@link #COLUMN} and {@link #NEXT}, in this order. */
    public static final int SETUP = 0;
    public static final int WITNESS = 1;
    public static final int PRODUCTS = 2;

    /** The most registers a program may use: the CUDA build holds them per thread. */
    public static final int MAX_REGISTERS = 512;

    private final int[] code;
    private final long[] constants;
    private final int registers;

    /**
     * @throws IllegalArgumentException for a malformed program: an unknown opcode, a register or
     *     constant out of range, a register read before it is written, or no final {@link #OUT}
     */
    public QuotientProgram(int[] code, long[] constants, int registers) {
        this.code = code.clone();
        this.constants = constants.clone();
        this.registers = registers;
        check();
    }

    public int[] code() {
        return code.clone();
    }

    public long[] constants() {
        return constants.clone();
    }

    public int registers() {
        return registers;
    }

    public int instructions() {
        return code.length / 4;
    }

    /** The largest column that instructions read of each extension, plus one; 0 where none. */
    public int[] columnsRead() {
        int[] out = new int[3];
        for (int i = 0; i < code.length; i += 4) {
            if (code[i] == COLUMN || code[i] == NEXT) {
                out[code[i + 2]] = Math.max(out[code[i + 2]], code[i + 3] + 1);
            }
        }
        return out;
    }

    /** Instructions per opcode, for logs and benchmarks. */
    public int[] opcodeCounts() {
        int[] out = new int[OUT + 1];
        for (int i = 0; i < code.length; i += 4) {
            out[code[i]]++;
        }
        return out;
    }

    /**
     * The program's meaning, row by row in plain Java: the quotient on the first {@code rows}
     * points of the coset {@code shift <W>} of {@code 2^(logRows + logBlowup)} points in
     * bit-reversed order, as {@link ProverBackend#quotient} defines it. The reference that the
     * native back ends' kernels are tested against; the prover's own evaluator is faster.
     *
     * @param extensions setup, witness and products, whose first {@code 2^(logRows + logBlowup)}
     *     rows are that coset
     * @param publicInput at least {@code rows} values
     * @return {@code {c0, c1}}
     */
    public long[][] evaluate(List<ColumnMatrix> extensions, long[] publicInput, int logRows, int logBlowup, int rows,
                             long shift) {
        int logLength = logRows + logBlowup;
        int length = 1 << logLength;
        int blowup = 1 << logBlowup;
        long[] zh = vanishing(logRows, logBlowup, shift);
        long nInverse = Goldilocks.inverse(1L << logRows);
        long root = TwoAdicRoots.rootOfUnity(logLength);
        long[] out0 = new long[rows];
        long[] out1 = new long[rows];
        long[] reg = new long[registers];
        for (int r = 0; r < rows; r++) {
            int natural = TwoAdicRoots.reverseBits(r, logLength);
            int next = TwoAdicRoots.reverseBits((natural + blowup) & (length - 1), logLength);
            long x = Goldilocks.mul(shift, Goldilocks.pow(root, natural));
            long vanishing = zh[natural & (blowup - 1)];
            for (int i = 0; i < code.length; i += 4) {
                int a = code[i + 2];
                int b = code[i + 3];
                long v = switch (code[i]) {
                    case CONST -> constants[a];
                    case COLUMN -> extensions.get(a).get(b, r);
                    case NEXT -> extensions.get(a).get(b, next);
                    case PUBLIC -> publicInput[r];
                    case X -> x;
                    case L0 -> Goldilocks.mul(Goldilocks.mul(vanishing, nInverse), Goldilocks.inverse(Goldilocks.sub(x, 1)));
                    case ADD -> Goldilocks.add(reg[a], reg[b]);
                    case SUB -> Goldilocks.sub(reg[a], reg[b]);
                    case MUL -> Goldilocks.mul(reg[a], reg[b]);
                    case ADD_CONST -> Goldilocks.add(reg[a], constants[b]);
                    case SUB_CONST -> Goldilocks.sub(reg[a], constants[b]);
                    case CONST_SUB -> Goldilocks.sub(constants[b], reg[a]);
                    case MUL_CONST -> Goldilocks.mul(reg[a], constants[b]);
                    default -> {
                        long z = Goldilocks.inverse(vanishing);
                        out0[r] = Goldilocks.mul(reg[a], z);
                        out1[r] = Goldilocks.mul(reg[b], z);
                        yield 0;
                    }
                };
                if (code[i] != OUT) {
                    reg[code[i + 1]] = v;
                }
            }
        }
        return new long[][] {out0, out1};
    }

    /**
     * {@code x^n - 1} ({@code n = 2^logRows}) on the coset {@code shift <W>} of
     * {@code 2^(logRows + logBlowup)} points, indexed by {@code k}, the natural position mod
     * {@code 2^logBlowup}: the only values it takes there, {@code x^n = shift^n (W^n)^k}.
     */
    public static long[] vanishing(int logRows, int logBlowup, long shift) {
        int blowup = 1 << logBlowup;
        long shiftN = Goldilocks.pow(shift, 1L << logRows);
        long root = TwoAdicRoots.rootOfUnity(logBlowup);
        long[] out = new long[blowup];
        for (int k = 0; k < blowup; k++) {
            out[k] = Goldilocks.sub(Goldilocks.mul(shiftN, Goldilocks.pow(root, k)), 1);
        }
        return out;
    }

    private void check() {
        if (registers < 1 || registers > MAX_REGISTERS) {
            throw new IllegalArgumentException("a program of " + registers + " registers; at most " + MAX_REGISTERS);
        }
        if (code.length == 0 || code.length % 4 != 0) {
            throw new IllegalArgumentException("instructions are four ints each, got " + code.length);
        }
        boolean[] written = new boolean[registers];
        for (int i = 0; i < code.length; i += 4) {
            int op = code[i];
            int dst = code[i + 1];
            int a = code[i + 2];
            int b = code[i + 3];
            String at = "instruction " + i / 4 + " (op " + op + ")";
            switch (op) {
                case CONST -> requireConstant(a, at);
                case COLUMN, NEXT -> {
                    if (a < SETUP || a > PRODUCTS || b < 0) {
                        throw new IllegalArgumentException(at + " reads column " + b + " of extension " + a);
                    }
                }
                case PUBLIC, X, L0 -> {
                }
                case ADD, SUB, MUL -> {
                    requireWritten(written, a, at);
                    requireWritten(written, b, at);
                }
                case ADD_CONST, SUB_CONST, CONST_SUB, MUL_CONST -> {
                    requireWritten(written, a, at);
                    requireConstant(b, at);
                }
                case OUT -> {
                    requireWritten(written, a, at);
                    requireWritten(written, b, at);
                    if (i + 4 != code.length) {
                        throw new IllegalArgumentException(at + ": OUT before the end");
                    }
                }
                default -> throw new IllegalArgumentException(at + ": unknown opcode");
            }
            if (op != OUT) {
                if (dst < 0 || dst >= registers) {
                    throw new IllegalArgumentException(at + " writes register " + dst + " of " + registers);
                }
                written[dst] = true;
            } else {
                return;
            }
        }
        throw new IllegalArgumentException("a program must end with OUT");
    }

    private void requireConstant(int k, String at) {
        if (k < 0 || k >= constants.length) {
            throw new IllegalArgumentException(at + " reads constant " + k + " of " + constants.length);
        }
    }

    private static void requireWritten(boolean[] written, int register, String at) {
        if (register < 0 || register >= written.length || !written[register]) {
            throw new IllegalArgumentException(at + " reads register " + register + " before it is written");
        }
    }

    @Override
    public String toString() {
        return "QuotientProgram[" + instructions() + " instructions, " + registers + " registers, " + constants.length
                + " constants, per opcode " + Arrays.toString(opcodeCounts()) + "]";
    }
}
