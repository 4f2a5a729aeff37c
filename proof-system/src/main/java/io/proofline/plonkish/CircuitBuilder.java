package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.gates.BitDecompositionGate;
import io.proofline.plonkish.gates.BooleanGate;
import io.proofline.plonkish.gates.ConditionalSwapGate;
import io.proofline.plonkish.gates.ConstantGate;
import io.proofline.plonkish.gates.ExtFmaGate;
import io.proofline.plonkish.gates.FmaGate;
import io.proofline.plonkish.gates.MerkleLevelGate;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.Poseidon2Gate;
import io.proofline.plonkish.gates.PublicInputGate;
import io.proofline.plonkish.gates.Range62Gate;
import io.proofline.plonkish.gates.SelectionGate;
import io.proofline.plonkish.gates.ZeroCheckGate;
import io.proofline.poseidon2.Poseidon2;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a circuit: allocates variables, places gates, records copy constraints, public inputs
 * and witness resolvers. The structure never depends on input values, so the same definition
 * serves key generation and proving; {@link Circuit#resolve} later computes the values.
 *
 * <p>Instances of a gate kind with the same row constants share a row until it is full.
 */
public final class CircuitBuilder {

    private final Geometry geometry;
    private final List<GateRow> rows = new ArrayList<>();
    private final Map<String, GateRow> openRows = new HashMap<>();
    private final List<Circuit.Resolution> resolvers = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<int[]> copies = new ArrayList<>();
    private final List<Circuit.LabeledEquality> labeled = new ArrayList<>();
    private final List<Integer> publicInputRows = new ArrayList<>();
    private final Map<Long, Variable> constants = new HashMap<>();
    private int variables;

    public CircuitBuilder(Geometry geometry) {
        this.geometry = geometry;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** A variable whose value is the next circuit input. */
    public Variable input() {
        Variable v = allocate();
        inputs.add(v.index());
        return v;
    }

    public Variable[] inputs(int count) {
        Variable[] out = new Variable[count];
        for (int i = 0; i < count; i++) {
            out[i] = input();
        }
        return out;
    }

    /** A fresh variable with no gate yet; give it a value with {@link #resolver}. */
    public Variable allocate() {
        return new Variable(variables++);
    }

    /** Registers a function computing {@code outputs} from {@code inputs}; resolvers run in order. */
    public void resolver(Variable[] in, Variable[] out, WitnessResolver fn) {
        resolvers.add(new Circuit.Resolution(indices(in), indices(out), fn));
    }

    /** Requires two variables to be equal (a copy constraint). */
    public void assertEqual(Variable a, Variable b) {
        copies.add(new int[] {a.index(), b.index()});
    }

    /**
     * Requires two variables to be equal, naming the check: a copy constraint like the two-argument
     * form, which {@link SatisfiabilityChecker} reports by {@code label} when it is broken, so that
     * a refused witness says which check failed (e.g. a Merkle root), not only which cell.
     */
    public void assertEqual(Variable a, Variable b, String label) {
        assertEqual(a, b);
        labeled.add(new Circuit.LabeledEquality(label, a.index(), b.index()));
    }

    /** A variable fixed to a constant; one per distinct constant. */
    public Variable constant(long value) {
        long c = Goldilocks.canonical(value);
        Variable existing = constants.get(c);
        if (existing != null) {
            return existing;
        }
        Variable v = allocate();
        resolver(new Variable[0], new Variable[] {v}, in -> new long[] {c});
        place(ConstantGate.INSTANCE, new long[0], new long[] {c}, new Variable[] {v}, new Variable[0]);
        constants.put(c, v);
        return v;
    }

    /** {@code k0 * a * b + k1 * c}. */
    public Variable fma(long k0, Variable a, Variable b, long k1, Variable c) {
        Variable d = allocate();
        long q0 = Goldilocks.canonical(k0);
        long q1 = Goldilocks.canonical(k1);
        resolver(new Variable[] {a, b, c}, new Variable[] {d},
                in -> new long[] {Goldilocks.add(Goldilocks.mul(q0, Goldilocks.mul(in[0], in[1])), Goldilocks.mul(q1, in[2]))});
        place(FmaGate.INSTANCE, new long[] {q0, q1}, new long[0], new Variable[] {a, b, c, d}, new Variable[0]);
        return d;
    }

    public Variable mul(Variable a, Variable b) {
        return fma(1, a, b, 0, constant(0));
    }

    public Variable add(Variable a, Variable b) {
        return fma(1, a, constant(1), 1, b);
    }

    public Variable sub(Variable a, Variable b) {
        return fma(Goldilocks.P - 1, b, constant(1), 1, a);
    }

    /** {@code k0 * a * b + k1 * c} in the extension field; each argument is {@code {c0, c1}}. */
    public Variable[] extFma(long k0, Variable[] a, Variable[] b, long k1, Variable[] c) {
        Variable[] d = {allocate(), allocate()};
        long q0 = Goldilocks.canonical(k0);
        long q1 = Goldilocks.canonical(k1);
        resolver(new Variable[] {a[0], a[1], b[0], b[1], c[0], c[1]}, d, in -> {
            Ext2 r = new Ext2(in[0], in[1]).mul(new Ext2(in[2], in[3])).mul(q0).add(new Ext2(in[4], in[5]).mul(q1));
            return new long[] {r.c0(), r.c1()};
        });
        place(ExtFmaGate.INSTANCE, new long[] {q0, q1}, new long[0],
                new Variable[] {a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]}, new Variable[0]);
        return d;
    }

    /** Makes {@code v} a public input; public inputs are numbered in the order of these calls. */
    public void publicInput(Variable v) {
        int row = place(PublicInputGate.INSTANCE, new long[0], new long[0], new Variable[] {v}, new Variable[0]);
        publicInputRows.add(row);
    }

    public void assertBoolean(Variable v) {
        place(BooleanGate.INSTANCE, new long[0], new long[0], new Variable[] {v}, new Variable[0]);
    }

    /**
     * Constrains {@code v} to {@code [0, 2^bits)} by a binary decomposition, four bits per gate,
     * with the unused top bits of the first gate fixed to zero.
     */
    public void rangeCheck(Variable v, int bits) {
        bits(v, bits);
    }

    /**
     * Constrains {@code v} to {@code [0, 2^62)} with base-4 limbs in witness-only cells
     * ({@link Range62Gate}): a third of a row, where {@link #rangeCheck rangeCheck(v, 62)} takes
     * four rows of booleans.
     */
    public void rangeCheck62(Variable v) {
        Variable[] limbs = new Variable[Range62Gate.LIMBS];
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = allocate();
        }
        resolver(new Variable[] {v}, limbs, in -> Range62Gate.limbs(in[0]));
        place(Range62Gate.INSTANCE, new long[0], new long[0], new Variable[] {v}, limbs);
    }

    /**
     * The binary decomposition of {@code v}, least significant bit first, which also constrains
     * {@code v} to {@code [0, 2^bits)}. Four bits per gate, most significant first, chained
     * through the gates' accumulators; the unused top bits of the first gate are fixed to zero.
     * At 64 bits every field element passes and values below {@code 2^64 - p} have two
     * decompositions: use at most 63 bits where uniqueness or a real bound matters.
     */
    public Variable[] bits(Variable v, int bits) {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("binary decompositions cover 1 to 64 bits, got " + bits);
        }
        Variable[] out = new Variable[bits];
        int gates = Math.ceilDiv(bits, 4);
        int padding = 4 * gates - bits;
        Variable acc = constant(0);
        for (int g = 0; g < gates; g++) {
            Variable[] cells = new Variable[6];
            int shift = 4 * (gates - 1 - g);
            for (int i = 0; i < 4; i++) {
                if (g == 0 && i < padding) {
                    cells[i] = constant(0);
                } else {
                    Variable bit = allocate();
                    int bitIndex = shift + 3 - i;
                    resolver(new Variable[] {v}, new Variable[] {bit}, in -> new long[] {(in[0] >>> bitIndex) & 1});
                    cells[i] = bit;
                    out[bitIndex] = bit;
                }
            }
            cells[4] = acc;
            Variable next = allocate();
            resolver(new Variable[] {v}, new Variable[] {next}, in -> new long[] {in[0] >>> shift});
            cells[5] = next;
            place(BitDecompositionGate.INSTANCE, new long[0], new long[0], cells, new Variable[0]);
            acc = next;
        }
        assertEqual(acc, v);
        return out;
    }

    /** {@code s ? a : b}, with {@code s} constrained to be boolean. */
    public Variable select(Variable s, Variable a, Variable b) {
        Variable out = allocate();
        resolver(new Variable[] {s, a, b}, new Variable[] {out}, in -> new long[] {in[0] == 1 ? in[1] : in[2]});
        place(SelectionGate.INSTANCE, new long[0], new long[0], new Variable[] {s, a, b, out}, new Variable[0]);
        return out;
    }

    /** {@code s ? (b, a) : (a, b)}, with {@code s} constrained to be boolean. */
    public Variable[] conditionalSwap(Variable s, Variable a, Variable b) {
        Variable[] out = {allocate(), allocate()};
        resolver(new Variable[] {s, a, b}, out, in -> in[0] == 1 ? new long[] {in[2], in[1]} : new long[] {in[1], in[2]});
        place(ConditionalSwapGate.INSTANCE, new long[0], new long[0], new Variable[] {s, a, b, out[0], out[1]}, new Variable[0]);
        return out;
    }

    /** 1 if {@code x} is zero, else 0. */
    public Variable isZero(Variable x) {
        Variable inv = allocate();
        Variable flag = allocate();
        resolver(new Variable[] {x}, new Variable[] {inv, flag},
                in -> in[0] == 0 ? new long[] {0, 1} : new long[] {Goldilocks.inverse(in[0]), 0});
        place(ZeroCheckGate.INSTANCE, new long[0], new long[0], new Variable[] {x, inv, flag}, new Variable[0]);
        return flag;
    }

    /** The Poseidon2 permutation of 12 variables. */
    public Variable[] poseidon2(Variable[] state) {
        if (state.length != Poseidon2.WIDTH) {
            throw new IllegalArgumentException("Poseidon2 takes " + Poseidon2.WIDTH + " variables, got " + state.length);
        }
        Gate gate = Poseidon2Gate.INSTANCE;
        Variable[] witness = new Variable[gate.witnessCells()];
        Variable[] output = new Variable[Poseidon2.WIDTH];
        for (int i = 0; i < witness.length; i++) {
            witness[i] = allocate();
        }
        for (int i = 0; i < output.length; i++) {
            output[i] = allocate();
        }
        Variable[] all = Arrays.copyOf(witness, witness.length + output.length);
        System.arraycopy(output, 0, all, witness.length, output.length);
        resolver(state, all, Poseidon2Gate::resolve);
        Variable[] copyCells = Arrays.copyOf(state, 2 * Poseidon2.WIDTH);
        System.arraycopy(output, 0, copyCells, Poseidon2.WIDTH, Poseidon2.WIDTH);
        place(gate, new long[0], new long[0], copyCells, witness);
        return output;
    }

    /**
     * One level of a Merkle path: {@code Poseidon2Hash.compress(left, right)} of {@code node} and
     * {@code sibling} ordered by {@code bit} (1: the node is the right child), in one row
     * ({@link MerkleLevelGate}). The gate also requires {@code bit} to be boolean.
     */
    public Variable[] merkleLevel(Variable bit, Variable[] node, Variable[] sibling) {
        if (node.length != 4 || sibling.length != 4) {
            throw new IllegalArgumentException("a Merkle level takes digests of 4 variables, got " + node.length + " and "
                    + sibling.length);
        }
        Variable[] pair = new Variable[8];
        Variable[] digest = new Variable[4];
        Variable[] witness = new Variable[MerkleLevelGate.INSTANCE.witnessCells()];
        for (Variable[] vars : new Variable[][] {pair, digest, witness}) {
            for (int i = 0; i < vars.length; i++) {
                vars[i] = allocate();
            }
        }
        Variable[] in = new Variable[9];
        in[0] = bit;
        System.arraycopy(node, 0, in, 1, 4);
        System.arraycopy(sibling, 0, in, 5, 4);
        Variable[] out = new Variable[pair.length + digest.length + witness.length];
        System.arraycopy(pair, 0, out, 0, 8);
        System.arraycopy(digest, 0, out, 8, 4);
        System.arraycopy(witness, 0, out, 12, witness.length);
        resolver(in, out, v -> MerkleLevelGate.resolve(v[0], Arrays.copyOfRange(v, 1, 5), Arrays.copyOfRange(v, 5, 9)));
        Variable[] copy = new Variable[MerkleLevelGate.INSTANCE.copyCells()];
        System.arraycopy(in, 0, copy, MerkleLevelGate.BIT, 9);
        System.arraycopy(pair, 0, copy, MerkleLevelGate.LEFT, 8);
        System.arraycopy(digest, 0, copy, MerkleLevelGate.DIGEST, 4);
        place(MerkleLevelGate.INSTANCE, new long[0], new long[0], copy, witness);
        return digest;
    }

    /** Places one gate instance and returns its row. */
    private int place(Gate gate, long[] rowConstants, long[] instanceConstants, Variable[] copy, Variable[] witness) {
        if (gate.degree() + 1 > geometry.maxDegree()) {
            throw new IllegalArgumentException("gate " + gate.name() + " has degree " + (gate.degree() + 1)
                    + " with its selector, above the geometry's maximum " + geometry.maxDegree());
        }
        if (rowConstants.length != gate.rowConstants() || instanceConstants.length != gate.instanceConstants()
                || copy.length != gate.copyCells() || witness.length != gate.witnessCells()) {
            throw new IllegalArgumentException("gate " + gate.name() + " takes " + gate.rowConstants() + " row constants, "
                    + gate.instanceConstants() + " instance constants, " + gate.copyCells() + " copy cells and "
                    + gate.witnessCells() + " witness cells, got " + rowConstants.length + ", " + instanceConstants.length
                    + ", " + copy.length + " and " + witness.length);
        }
        String key = gate.name() + Arrays.toString(rowConstants);
        GateRow row = openRows.get(key);
        if (row == null || row.full()) {
            int capacity = gate.instancesPerRow(geometry.copyColumns(), geometry.witnessColumns(), geometry.constantColumns());
            if (capacity == 0) {
                throw new IllegalArgumentException("gate " + gate.name() + " does not fit a row of " + geometry);
            }
            row = new GateRow(rows.size(), gate, rowConstants, capacity);
            rows.add(row);
            openRows.put(key, row);
        }
        row.copyVariables.add(indices(copy));
        row.witnessVariables.add(indices(witness));
        row.instanceConstants.add(instanceConstants);
        return row.index;
    }

    /** The number of rows used so far. */
    public int rowsUsed() {
        return rows.size();
    }

    /**
     * Finishes the circuit.
     *
     * @throws CircuitTooLargeException if the gates need more rows than the geometry has
     */
    public Circuit build() {
        holdEqualizedVariables();
        if (rows.size() > geometry.rows()) {
            throw new CircuitTooLargeException(rows.size(), geometry);
        }
        return new Circuit(geometry, List.copyOf(rows), variables, inputs.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(resolvers), List.copyOf(copies), List.copyOf(labeled), publicInputRows.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Copy constraints bind trace cells, so an equality over a variable that no gate holds in a
     * copy cell would constrain nothing: each such variable gets a cell, in a multiply-add that
     * computes {@code 0 * v * v + 1 * v}.
     */
    private void holdEqualizedVariables() {
        BitSet held = new BitSet(variables);
        for (GateRow row : rows) {
            for (int[] cells : row.copyVariables) {
                for (int v : cells) {
                    held.set(v);
                }
            }
        }
        for (int[] pair : List.copyOf(copies)) {
            for (int v : pair) {
                if (!held.get(v)) {
                    Variable variable = new Variable(v);
                    Variable copy = allocate();
                    resolver(new Variable[] {variable}, new Variable[] {copy}, in -> new long[] {in[0]});
                    place(FmaGate.INSTANCE, new long[] {0, 1}, new long[0], new Variable[] {variable, variable, variable, copy},
                            new Variable[0]);
                    held.set(v);
                }
            }
        }
    }

    private static int[] indices(Variable[] vars) {
        int[] out = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            out[i] = vars[i].index();
        }
        return out;
    }
}
