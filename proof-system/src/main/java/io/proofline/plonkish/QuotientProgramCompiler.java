package io.proofline.plonkish;

import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.gates.Algebra;
import io.proofline.plonkish.gates.Gate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a circuit's quotient numerator into a {@link QuotientProgram}: the gates' own
 * {@link Gate#evaluate} and {@link PermutationArgument#terms}, run once over an algebra that
 * records each operation instead of doing it, with the challenges as constants. So the program
 * states the very constraints the prover and verifier state, from the same source.
 *
 * <p>On the way, operations on constants are folded, a constant operand becomes part of the
 * instruction ({@code x * k}, {@code x + k}), a product by a constant of a product by a
 * constant becomes one, repeated operations are made once, and what the numerator does not use
 * is dropped. Registers are then reused as soon as their value's last reader has run.
 */
public final class QuotientProgramCompiler {

    /** A node of the recorded graph; operands are earlier nodes (or constant indices). */
    private record Node(int op, int a, int b) {
    }

    /** An extension value as two base nodes. */
    record Ext(int c0, int c1) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> interned = new HashMap<>();
    private final List<Long> constants = new ArrayList<>();
    private final Map<Long, Integer> constantIndex = new HashMap<>();
    private final int zero;
    private final Base base = new Base();
    private final Extension extension = new Extension();

    private QuotientProgramCompiler() {
        zero = constant(0);
    }

    /**
     * The numerator {@code sum_g selector_g sum_k alpha^i c_{g,k} + sum_j alpha^(G + j) t_j} of
     * {@link QuotientEvaluator}, with the same alpha powers: the gate constraints in
     * {@link GateTerms} order, then the permutation terms.
     *
     * @return the program, or null where it needs more than {@link QuotientProgram#MAX_REGISTERS}
     *     registers (the standard geometry needs 69)
     */
    public static QuotientProgram compile(Geometry g, List<Gate> gates, Ext2 alpha, Ext2 beta, Ext2 gamma) {
        QuotientProgramCompiler c = new QuotientProgramCompiler();
        int gateConstraints = GateTerms.count(g, gates);
        Ext2[] alphaPowers = Ext2.powers(alpha, gateConstraints + g.permutationProducts() + 1);
        int[] acc = {c.zero, c.zero};
        int[] gateSum = {c.zero, c.zero};
        GateTerms.visit(g, gates, c.base, new GateTerms.Columns<>() {
            @Override
            public Integer copy(int column) {
                return c.load(QuotientProgram.COLUMN, QuotientProgram.WITNESS, column);
            }

            @Override
            public Integer witness(int column) {
                return c.load(QuotientProgram.COLUMN, QuotientProgram.WITNESS, g.copyColumns() + column);
            }

            @Override
            public Integer constant(int column) {
                return c.load(QuotientProgram.COLUMN, QuotientProgram.SETUP, column);
            }

            @Override
            public Integer publicInput() {
                return c.load(QuotientProgram.PUBLIC, 0, 0);
            }
        }, new GateTerms.Visitor<>() {
            @Override
            public void constraint(int alphaIndex, Integer value) {
                gateSum[0] = c.add(gateSum[0], c.mulConstant(value, alphaPowers[alphaIndex].c0()));
                gateSum[1] = c.add(gateSum[1], c.mulConstant(value, alphaPowers[alphaIndex].c1()));
            }

            @Override
            public void gateDone(int gateIndex) {
                int selector = c.load(QuotientProgram.COLUMN, QuotientProgram.SETUP, g.constantColumns() + gateIndex);
                acc[0] = c.add(acc[0], c.mul(selector, gateSum[0]));
                acc[1] = c.add(acc[1], c.mul(selector, gateSum[1]));
                gateSum[0] = c.zero;
                gateSum[1] = c.zero;
            }
        });

        int sigmaOffset = g.constantColumns() + gates.size();
        List<Ext> w = new ArrayList<>();
        List<Ext> sigma = new ArrayList<>();
        for (int i = 0; i < g.copyColumns(); i++) {
            w.add(c.baseExt(c.load(QuotientProgram.COLUMN, QuotientProgram.WITNESS, i)));
            sigma.add(c.baseExt(c.load(QuotientProgram.COLUMN, QuotientProgram.SETUP, sigmaOffset + i)));
        }
        List<Ext> products = new ArrayList<>();
        for (int j = 0; j < g.permutationProducts(); j++) {
            products.add(new Ext(c.load(QuotientProgram.COLUMN, QuotientProgram.PRODUCTS, 2 * j),
                    c.load(QuotientProgram.COLUMN, QuotientProgram.PRODUCTS, 2 * j + 1)));
        }
        Ext zNext = new Ext(c.load(QuotientProgram.NEXT, QuotientProgram.PRODUCTS, 0),
                c.load(QuotientProgram.NEXT, QuotientProgram.PRODUCTS, 1));
        List<Ext> terms = PermutationArgument.terms(c.extension, g, c.baseExt(c.load(QuotientProgram.X, 0, 0)), w, sigma,
                products, zNext, c.constantExt(beta), c.constantExt(gamma), c.baseExt(c.load(QuotientProgram.L0, 0, 0)));
        for (int j = 0; j < terms.size(); j++) {
            Ext term = c.extension.mul(c.constantExt(alphaPowers[gateConstraints + j]), terms.get(j));
            acc[0] = c.add(acc[0], term.c0());
            acc[1] = c.add(acc[1], term.c1());
        }
        return c.emit(acc[0], acc[1]);
    }

    // ---- recording, with folding ----

    private int node(int op, int a, int b) {
        Node n = new Node(op, a, b);
        Integer known = interned.get(n);
        if (known != null) {
            return known;
        }
        nodes.add(n);
        interned.put(n, nodes.size() - 1);
        return nodes.size() - 1;
    }

    private int load(int op, int a, int b) {
        return node(op, a, b);
    }

    private int constantIndex(long value) {
        return constantIndex.computeIfAbsent(Goldilocks.canonical(value), v -> {
            constants.add(v);
            return constants.size() - 1;
        });
    }

    int constant(long value) {
        return node(QuotientProgram.CONST, constantIndex(value), 0);
    }

    private boolean isConstant(int n) {
        return nodes.get(n).op() == QuotientProgram.CONST;
    }

    private long value(int n) {
        return constants.get(nodes.get(n).a());
    }

    int add(int a, int b) {
        if (isConstant(a) && isConstant(b)) {
            return constant(Goldilocks.add(value(a), value(b)));
        }
        if (isConstant(a)) {
            return addConstant(b, value(a));
        }
        if (isConstant(b)) {
            return addConstant(a, value(b));
        }
        return node(QuotientProgram.ADD, Math.min(a, b), Math.max(a, b));
    }

    private int addConstant(int a, long k) {
        return k == 0 ? a : node(QuotientProgram.ADD_CONST, a, constantIndex(k));
    }

    int sub(int a, int b) {
        if (a == b) {
            return zero;
        }
        if (isConstant(a) && isConstant(b)) {
            return constant(Goldilocks.sub(value(a), value(b)));
        }
        if (isConstant(b)) {
            return value(b) == 0 ? a : node(QuotientProgram.SUB_CONST, a, constantIndex(value(b)));
        }
        if (isConstant(a)) {
            return node(QuotientProgram.CONST_SUB, b, constantIndex(value(a)));
        }
        return node(QuotientProgram.SUB, a, b);
    }

    int mul(int a, int b) {
        if (isConstant(a)) {
            return mulConstant(b, value(a));
        }
        if (isConstant(b)) {
            return mulConstant(a, value(b));
        }
        return node(QuotientProgram.MUL, Math.min(a, b), Math.max(a, b));
    }

    int mulConstant(int a, long k) {
        k = Goldilocks.canonical(k);
        if (isConstant(a)) {
            return constant(Goldilocks.mul(value(a), k));
        }
        if (k == 0) {
            return zero;
        }
        if (k == 1) {
            return a;
        }
        Node n = nodes.get(a);
        if (n.op() == QuotientProgram.MUL_CONST) {
            // (y * k2) * k = y * (k2 k): one product where the gates scale a scaled value
            return mulConstant(n.a(), Goldilocks.mul(constants.get(n.b()), k));
        }
        return node(QuotientProgram.MUL_CONST, a, constantIndex(k));
    }

    Ext baseExt(int c0) {
        return new Ext(c0, zero);
    }

    Ext constantExt(Ext2 e) {
        return new Ext(constant(e.c0()), constant(e.c1()));
    }

    /** The base-field operations, on node indices: the gates' algebra. */
    private final class Base implements Algebra<Integer> {
        @Override
        public Integer add(Integer a, Integer b) {
            return QuotientProgramCompiler.this.add(a, b);
        }

        @Override
        public Integer sub(Integer a, Integer b) {
            return QuotientProgramCompiler.this.sub(a, b);
        }

        @Override
        public Integer mul(Integer a, Integer b) {
            return QuotientProgramCompiler.this.mul(a, b);
        }

        @Override
        public Integer constant(long c) {
            return QuotientProgramCompiler.this.constant(c);
        }

        @Override
        public Integer scale(Integer a, long c) {
            return mulConstant(a, c);
        }

        @Override
        public Integer addConstant(Integer a, long c) {
            return QuotientProgramCompiler.this.add(a, QuotientProgramCompiler.this.constant(c));
        }
    }

    /** F[x]/(x^2 - 7) on pairs of nodes: the permutation argument's algebra. */
    private final class Extension implements Algebra<Ext> {
        @Override
        public Ext add(Ext a, Ext b) {
            return new Ext(QuotientProgramCompiler.this.add(a.c0(), b.c0()), QuotientProgramCompiler.this.add(a.c1(), b.c1()));
        }

        @Override
        public Ext sub(Ext a, Ext b) {
            return new Ext(QuotientProgramCompiler.this.sub(a.c0(), b.c0()), QuotientProgramCompiler.this.sub(a.c1(), b.c1()));
        }

        @Override
        public Ext mul(Ext a, Ext b) {
            if (a.c1() == zero || b.c1() == zero) {
                // a base factor scales each component
                Ext e = a.c1() == zero ? b : a;
                int k = a.c1() == zero ? a.c0() : b.c0();
                return new Ext(QuotientProgramCompiler.this.mul(e.c0(), k), QuotientProgramCompiler.this.mul(e.c1(), k));
            }
            if (constantPair(a) || constantPair(b)) {
                // by a constant, four products by constants: (k0 + k1 x)(v0 + v1 x) = k0 v0 + 7 k1 v1 + (k0 v1 + k1 v0) x
                Ext k = constantPair(a) ? a : b;
                Ext v = constantPair(a) ? b : a;
                long k0 = value(k.c0());
                long k1 = value(k.c1());
                return new Ext(QuotientProgramCompiler.this.add(mulConstant(v.c0(), k0), mulConstant(v.c1(), Goldilocks.mul(Ext2.W, k1))),
                        QuotientProgramCompiler.this.add(mulConstant(v.c1(), k0), mulConstant(v.c0(), k1)));
            }
            // Karatsuba: three products and one by the constant 7
            int t = QuotientProgramCompiler.this.mul(a.c0(), b.c0());
            int u = QuotientProgramCompiler.this.mul(a.c1(), b.c1());
            int s = QuotientProgramCompiler.this.mul(QuotientProgramCompiler.this.add(a.c0(), a.c1()),
                    QuotientProgramCompiler.this.add(b.c0(), b.c1()));
            return new Ext(QuotientProgramCompiler.this.add(t, mulConstant(u, Ext2.W)),
                    QuotientProgramCompiler.this.sub(QuotientProgramCompiler.this.sub(s, t), u));
        }

        private boolean constantPair(Ext e) {
            return isConstant(e.c0()) && isConstant(e.c1());
        }

        @Override
        public Ext constant(long c) {
            return baseExt(QuotientProgramCompiler.this.constant(c));
        }

        @Override
        public Ext scale(Ext a, long c) {
            return new Ext(mulConstant(a.c0(), c), mulConstant(a.c1(), c));
        }
    }

    // ---- emission: live nodes only, registers reused after their last reader ----

    private QuotientProgram emit(int out0, int out1) {
        int count = nodes.size();
        boolean[] live = new boolean[count];
        int[] lastUse = new int[count];
        Arrays.fill(lastUse, -1);
        live[out0] = true;
        live[out1] = true;
        // nodes come after their operands, so one backward pass marks every live node
        for (int i = count - 1; i >= 0; i--) {
            if (!live[i]) {
                continue;
            }
            for (int operand : registerOperands(nodes.get(i))) {
                live[operand] = true;
                lastUse[operand] = Math.max(lastUse[operand], i);
            }
        }
        lastUse[out0] = count;
        lastUse[out1] = count;
        int[] register = new int[count];
        BitSet used = new BitSet();
        int registers = 0;
        List<int[]> code = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!live[i]) {
                continue;
            }
            Node n = nodes.get(i);
            for (int operand : registerOperands(n)) {
                if (lastUse[operand] == i) {
                    used.clear(register[operand]);
                }
            }
            // an operand's register may be the destination: every back end reads before it writes
            int r = used.nextClearBit(0);
            used.set(r);
            registers = Math.max(registers, r + 1);
            register[i] = r;
            code.add(switch (n.op()) {
                case QuotientProgram.ADD, QuotientProgram.SUB, QuotientProgram.MUL ->
                        new int[] {n.op(), r, register[n.a()], register[n.b()]};
                case QuotientProgram.ADD_CONST, QuotientProgram.SUB_CONST, QuotientProgram.CONST_SUB,
                     QuotientProgram.MUL_CONST -> new int[] {n.op(), r, register[n.a()], n.b()};
                default -> new int[] {n.op(), r, n.a(), n.b()};
            });
        }
        code.add(new int[] {QuotientProgram.OUT, 0, register[out0], register[out1]});
        int[] flat = new int[4 * code.size()];
        for (int i = 0; i < code.size(); i++) {
            System.arraycopy(code.get(i), 0, flat, 4 * i, 4);
        }
        if (registers > QuotientProgram.MAX_REGISTERS) {
            return null;
        }
        long[] pool = constants.stream().mapToLong(Long::longValue).toArray();
        return new QuotientProgram(flat, pool, registers);
    }

    private static int[] registerOperands(Node n) {
        return switch (n.op()) {
            case QuotientProgram.ADD, QuotientProgram.SUB, QuotientProgram.MUL -> new int[] {n.a(), n.b()};
            case QuotientProgram.ADD_CONST, QuotientProgram.SUB_CONST, QuotientProgram.CONST_SUB,
                 QuotientProgram.MUL_CONST -> new int[] {n.a()};
            default -> new int[0];
        };
    }
}
