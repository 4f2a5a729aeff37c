package io.proofline.circuits.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.WitnessVector;
import io.proofline.poseidon2.Digest;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregation circuits built with {@link UncheckedInnerProof}, with their verification keys
 * (set up with a small test configuration, so the key commitments are those of these circuits),
 * and helpers to run them on public inputs.
 */
final class Aggregation {

    static final int LOG_ROWS = 7;
    static final ProverConfig CONFIG = new ProverConfig(ProverBackend.java(), new FriParameters(3, 8, 4, 3, 3, 2), 28);
    static final UncheckedInnerProof RECURSION_CHECK = new UncheckedInnerProof(RecursionShape.PUBLIC_INPUTS);

    final Map<CircuitType, Circuit> leaves = new EnumMap<>(CircuitType.class);
    final Map<CircuitType, VerificationKey> leafKeys = new EnumMap<>(CircuitType.class);
    final Circuit node;
    final VerificationKey nodeKey;
    final Circuit scheduler;

    private Aggregation() {
        for (CircuitType type : CircuitType.values()) {
            Circuit leaf = LeafCircuit.build(type, baseKey(type), new UncheckedInnerProof(type.publicInputs), LOG_ROWS);
            leaves.put(type, leaf);
            leafKeys.put(type, Setup.generate(leaf, CONFIG).key());
        }
        node = NodeCircuit.build(RECURSION_CHECK, LOG_ROWS);
        nodeKey = Setup.generate(node, CONFIG).key();
        scheduler = SchedulerCircuit.build(leafKey(CircuitType.TRANSFER_EXECUTION), leafKey(CircuitType.STORAGE_APPLICATION),
                nodeKey(), RECURSION_CHECK, LOG_ROWS);
    }

    /**
     * A fresh build for each call, so for each test: mutation testing credits the circuits'
     * construction only to the tests that run it, and a test of a shared build would be the only
     * one run against a changed constraint.
     */
    static Aggregation get() {
        return new Aggregation();
    }

    static Digest baseKey(CircuitType type) {
        return RealBatch.BASE_KEYS.get(type);
    }

    Digest leafKey(CircuitType type) {
        return leafKeys.get(type).commitment();
    }

    Digest nodeKey() {
        return nodeKey.commitment();
    }

    /** The key a recursion-shape proof is verified under: its type's leaf key or the node key. */
    Digest keyOf(CircuitType type, boolean leaf) {
        return leaf ? leafKey(type) : nodeKey();
    }

    /** Leaf inputs with the honest own keys, base proofs under the registered base key. */
    long[] leafInputs(CircuitType type, long[] first, long[] second, boolean active2) {
        return LeafCircuit.inputs(leafKey(type), nodeKey(), active2, UncheckedInnerProof.checkInputs(first, baseKey(type)),
                UncheckedInnerProof.checkInputs(second, baseKey(type)));
    }

    /** Node inputs with the honest own type and keys; each inner proof under the key its flag says. */
    long[] nodeInputs(CircuitType type, AggregationIo first, boolean firstIsLeaf, AggregationIo second, boolean secondIsLeaf,
                      boolean active2) {
        return NodeCircuit.inputs(type.id, leafKey(type), nodeKey(), firstIsLeaf, secondIsLeaf, active2,
                UncheckedInnerProof.checkInputs(first.publicInputs(), keyOf(type, firstIsLeaf)),
                UncheckedInnerProof.checkInputs(second.publicInputs(), keyOf(type, secondIsLeaf)));
    }

    /** The public inputs of every proof of the plan, from the base proofs' by the native mirror. */
    Map<ProofId, AggregationIo> mirror(RealBatch batch, AggregationPlan plan) {
        Map<ProofId, AggregationIo> io = new HashMap<>();
        for (PlannedProof p : plan.proofs()) {
            CircuitType t = p.id().type();
            io.put(p.id(), p.isLeaf()
                    ? AggregationIo.leaf(t, leafKey(t), nodeKey(), base(batch, p.first()), base(batch, p.second()), p.active2())
                    : AggregationIo.node(t.id, leafKey(t), nodeKey(), io.get(p.first()), io.get(p.second()), p.active2()));
        }
        return io;
    }

    /** The inputs of the circuit making {@code p}, with its inner proofs' public inputs from {@code io}. */
    long[] inputs(RealBatch batch, PlannedProof p, Map<ProofId, AggregationIo> io) {
        CircuitType t = p.id().type();
        return p.isLeaf()
                ? leafInputs(t, base(batch, p.first()), base(batch, p.second()), p.active2())
                : nodeInputs(t, io.get(p.first()), p.firstIsLeaf(), io.get(p.second()), p.secondIsLeaf(), p.active2());
    }

    Circuit circuitOf(PlannedProof p) {
        return p.isLeaf() ? leaves.get(p.id().type()) : node;
    }

    /** Scheduler inputs for a batch's top proofs, each under the key its flag says. */
    long[] schedulerInputs(BatchHeader header, AggregationIo transfer, boolean transferIsLeaf, AggregationIo storage,
                           boolean storageIsLeaf) {
        return SchedulerCircuit.inputs(header.chainId(), header.batchNumber(), transferIsLeaf, storageIsLeaf,
                UncheckedInnerProof.checkInputs(transfer.publicInputs(), keyOf(CircuitType.TRANSFER_EXECUTION, transferIsLeaf)),
                UncheckedInnerProof.checkInputs(storage.publicInputs(), keyOf(CircuitType.STORAGE_APPLICATION, storageIsLeaf)));
    }

    long[] schedulerPublicInputs(BatchHeader header) {
        return SchedulerCircuit.publicInputs(header, leafKey(CircuitType.TRANSFER_EXECUTION),
                leafKey(CircuitType.STORAGE_APPLICATION), nodeKey());
    }

    private static long[] base(RealBatch batch, ProofId id) {
        return batch.of(id.type()).get(id.index());
    }

    static SatisfiabilityReport check(Circuit circuit, long[] inputs) {
        return SatisfiabilityChecker.check(circuit, circuit.resolve(inputs));
    }

    /** Requires the inputs to satisfy the circuit and returns the public inputs it yields. */
    static long[] satisfied(Circuit circuit, long[] inputs) {
        WitnessVector w = circuit.resolve(inputs);
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, w);
        assertTrue(report.satisfied(), report.toString());
        return w.publicInputs();
    }

    /** Requires the honest run's public inputs to be the native mirror's. */
    static AggregationIo satisfiedAs(Circuit circuit, long[] inputs, AggregationIo expected) {
        long[] pi = satisfied(circuit, inputs);
        assertArrayEquals(expected.publicInputs(), pi);
        return AggregationIo.of(pi);
    }

    /**
     * Requires the inputs to leave the circuit unsatisfied by a broken equality between an
     * element of {@code x} and the same element of {@code y}: the check that compares them,
     * and no other, refuses the witness.
     */
    static void refusedBy(Circuit circuit, long[] inputs, long[] x, long[] y) {
        String m = refusal(circuit, inputs);
        assertTrue(names(m, x, y), "refused for another reason: " + m);
    }

    /** Requires the inputs to be refused first by a boolean gate, for holding {@code value} (neither 0 nor 1). */
    static void refusedAsNotBoolean(Circuit circuit, long[] inputs, long value) {
        SatisfiabilityReport report = check(circuit, inputs);
        assertFalse(report.satisfied());
        long evaluation = Goldilocks.sub(Goldilocks.mul(value, value), value);
        assertTrue(report.toString().matches("row \\d+, gate boolean, instance \\d+, constraint 0 evaluates to " + evaluation
                + " instead of 0"), report.toString());
    }

    /** The reason the circuit refuses these inputs, which must be a broken copy constraint. */
    static String refusal(Circuit circuit, long[] inputs) {
        SatisfiabilityReport report = check(circuit, inputs);
        assertFalse(report.satisfied(), "satisfied, but should be refused");
        String m = report.toString();
        assertTrue(m.startsWith("copy constraint broken: ") || m.startsWith("check failed: "), m);
        return m;
    }

    /** Whether a broken copy constraint's message is about an element of {@code x} against the same of {@code y}. */
    static boolean names(String message, long[] x, long[] y) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i] && (brokenBetween(message, x[i], y[i]) || brokenBetween(message, y[i], x[i]))) {
                return true;
            }
        }
        return false;
    }

    /** As {@link #refusedBy}, for {@code when * (x - y) == 0} with {@code when} = 1. */
    static void refusedByConditional(Circuit circuit, long[] inputs, long[] x, long[] y) {
        long[] differences = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            differences[i] = Goldilocks.sub(x[i], y[i]);
        }
        refusedBy(circuit, inputs, differences, new long[x.length]);
    }

    /**
     * Requires a satisfying witness, changed to claim {@code value} as public input {@code index}
     * (in its cell and among the public inputs), to be refused by the copy constraint that binds
     * that public input to what the circuit computed.
     */
    static void refusedClaiming(Circuit circuit, long[] inputs, int index, long value) {
        WitnessVector honest = circuit.resolve(inputs);
        assertTrue(SatisfiabilityChecker.check(circuit, honest).satisfied());
        long[] claimed = honest.publicInputs();
        long computed = claimed[index];
        claimed[index] = value;
        WitnessVector forged = new WitnessVector(honest.columns(), claimed).withCell(0, circuit.publicInputRows()[index], value);
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, forged);
        assertFalse(report.satisfied(), "a changed public input " + index + " is accepted");
        assertTrue(names(report.toString(), new long[] {value}, new long[] {computed}), report.toString());
    }

    /** In either report form: a cell-level copy constraint, or a named equality ("check failed: label (x at ..., expected y at ...)"). */
    private static boolean brokenBetween(String message, long here, long there) {
        return message.contains(" holds " + Goldilocks.toString(here) + " but column ")
                && message.endsWith(" holds " + Goldilocks.toString(there))
                || message.contains("(" + Goldilocks.toString(here) + " at column ")
                && message.contains(", expected " + Goldilocks.toString(there) + " at column ");
    }
}
