package io.proofline.plonkish.gates;

import io.proofline.poseidon2.Poseidon2;
import io.proofline.poseidon2.Poseidon2Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The whole Poseidon2 permutation in one row. Copy cells 0..11 hold the input, 12..23 the output.
 * Witness-only cells hold what the degree bound forces us to store: the state after each full
 * round but the last (7 x 12) and the S-box output of every partial round (22), 106 in all. Each
 * constraint is one round's output against the S-box of a linear function of stored cells, so
 * its degree is 7.
 */
public final class Poseidon2Gate implements Gate {

    public static final Poseidon2Gate INSTANCE = new Poseidon2Gate();

    private static final int W = Poseidon2.WIDTH;
    private static final int HALF_FULL = Poseidon2Parameters.FULL_ROUNDS / 2;
    private static final int PARTIAL = Poseidon2Parameters.PARTIAL_ROUNDS;
    /** The values the permutation traces: the state after each full round but the last, each partial s-box. */
    static final int WITNESS_CELLS = Poseidon2.TRACE_LENGTH;

    private Poseidon2Gate() {
    }

    @Override
    public String name() {
        return "poseidon2";
    }

    @Override
    public int copyCells() {
        return 2 * W;
    }

    @Override
    public int witnessCells() {
        return WITNESS_CELLS;
    }

    @Override
    public int constraints() {
        return Poseidon2Parameters.FULL_ROUNDS * W + PARTIAL;
    }

    @Override
    public int degree() {
        return 7;
    }

    @Override
    public long[] paddingCopyCells() {
        throw new IllegalStateException("a Poseidon2 row holds one instance and is never padded");
    }

    @Override
    public int instancesPerRow(int copyColumns, int witnessColumns, int constantColumns) {
        return copyColumns >= 2 * W && witnessColumns >= WITNESS_CELLS ? 1 : 0;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        List<T> input = new ArrayList<>(W);
        for (int i = 0; i < W; i++) {
            input.add(c.copy(i));
        }
        roundConstraints(f, input, c, W, i -> c.copy(W + i), out);
    }

    /**
     * The permutation's constraints on {@code input}, with the round states stored in the
     * instance's witness cells 0..105 as this gate stores them: one per stored value, in round
     * order, then the last round's first {@code outputs} elements against {@code output}. Shared
     * with {@link MerkleLevelGate}, whose permutation input is not twelve copy cells and which
     * exposes four outputs.
     */
    static <T> void roundConstraints(Algebra<T> f, List<T> input, GateCells<T> c, int outputs, IntFunction<T> output,
                                     ConstraintSink<T> out) {
        List<T> s = externalLinear(f, input);
        int witness = 0;
        int round = 0;
        for (int r = 0; r < 2 * HALF_FULL + PARTIAL; r++, round++) {
            boolean full = r < HALF_FULL || r >= HALF_FULL + PARTIAL;
            if (full) {
                List<T> next = new ArrayList<>(W);
                for (int i = 0; i < W; i++) {
                    next.add(f.pow7(f.addConstant(s.get(i), Poseidon2Parameters.roundConstant(round, i))));
                }
                next = externalLinear(f, next);
                if (r == 2 * HALF_FULL + PARTIAL - 1) {
                    for (int i = 0; i < outputs; i++) {
                        out.constraint(f.sub(output.apply(i), next.get(i)));
                    }
                    return;
                }
                for (int i = 0; i < W; i++) {
                    T stored = c.witness(witness + i);
                    out.constraint(f.sub(stored, next.get(i)));
                    s.set(i, stored);
                }
                witness += W;
            } else {
                T sbox = f.pow7(f.addConstant(s.get(0), Poseidon2Parameters.roundConstant(round, 0)));
                T stored = c.witness(witness++);
                out.constraint(f.sub(stored, sbox));
                s.set(0, stored);
                s = internalLinear(f, s);
            }
        }
    }

    /**
     * Whether constraint {@code k} compares a round's output with a witness cell (cell {@code k},
     * as {@link #storedCell}); the last full round's twelve compare with the output copy cells.
     */
    public static boolean storedInWitness(int k) {
        return k < WITNESS_CELLS;
    }

    /** The cell that constraint {@code k} compares with: witness cell {@code k}, or output copy cell {@code W + k - 106}. */
    public static int storedCell(int k) {
        return storedInWitness(k) ? k : W + k - WITNESS_CELLS;
    }

    /**
     * The values of the 106 witness cells and the 12 outputs for an input, in cell order:
     * {@code [witness..., output...]}.
     */
    public static long[] resolve(long[] input) {
        long[] state = input.clone();
        long[] cells = new long[WITNESS_CELLS + W];
        // the witness cells are what the permutation traces, in the same round order
        Poseidon2.permuteTracing(state, cells, 0);
        System.arraycopy(state, 0, cells, WITNESS_CELLS, W);
        return cells;
    }

    /** {@code circ(2 M4, M4, M4)} with M4 by additions and doublings. */
    private static <T> List<T> externalLinear(Algebra<T> f, List<T> x) {
        List<T> out = new ArrayList<>(W);
        for (int chunk = 0; chunk < W; chunk += 4) {
            T x0 = x.get(chunk);
            T x1 = x.get(chunk + 1);
            T x2 = x.get(chunk + 2);
            T x3 = x.get(chunk + 3);
            T t0 = f.add(x0, x1);
            T t1 = f.add(x2, x3);
            T t2 = f.add(f.add(x1, x1), t1);
            T t3 = f.add(f.add(x3, x3), t0);
            T t4 = f.add(f.scale(t1, 4), t3);
            T t5 = f.add(f.scale(t0, 4), t2);
            out.add(f.add(t3, t5));
            out.add(t5);
            out.add(f.add(t2, t4));
            out.add(t4);
        }
        for (int i = 0; i < 4; i++) {
            T sum = f.add(f.add(out.get(i), out.get(i + 4)), out.get(i + 8));
            out.set(i, f.add(out.get(i), sum));
            out.set(i + 4, f.add(out.get(i + 4), sum));
            out.set(i + 8, f.add(out.get(i + 8), sum));
        }
        return out;
    }

    private static <T> List<T> internalLinear(Algebra<T> f, List<T> x) {
        T sum = x.get(0);
        for (int i = 1; i < W; i++) {
            sum = f.add(sum, x.get(i));
        }
        List<T> out = new ArrayList<>(W);
        for (int i = 0; i < W; i++) {
            out.add(f.add(f.scale(x.get(i), Poseidon2Parameters.internalDiagMinusOne(i)), sum));
        }
        return out;
    }
}
