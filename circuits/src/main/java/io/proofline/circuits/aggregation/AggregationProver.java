package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.SatisfiabilityChecker;
import io.proofline.plonkish.SatisfiabilityReport;
import io.proofline.plonkish.UnsatisfiedCircuitException;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.WitnessVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch's base proofs into one scheduler proof: the leaves, then round after round of
 * nodes as {@link AggregationPlan} lays them out, then the scheduler. Each recursion proof is
 * verified natively before it is used, like a base proof; one whose witness does not satisfy
 * its circuit (base proofs that do not chain, or do not verify) is refused with the check that
 * failed.
 */
public final class AggregationProver {

    private final BaseCircuitKeys base;
    private final AggregationKeys keys;
    private final PlonkishProver prover;

    public AggregationProver(BaseCircuitKeys base, AggregationKeys keys) {
        this.base = base;
        this.keys = keys;
        this.prover = new PlonkishProver(keys.config());
    }

    /** A proof made in the tree (the scheduler's has no id), with what its verifier needs. */
    public record Made(ProofId id, VerificationKey key, long[] publicInputs, PlonkishProof proof) {
    }

    /** The result, with the time each layer took (leaves, nodes, scheduler), in nanoseconds. */
    public record Result(AggregatedBatchProof proof, AggregationPlan plan, long leafNanos, long nodeNanos, long schedulerNanos) {
    }

    /**
     * @param batch the base proofs of one batch, transfer-execution instances in order, then storage-application ones
     * @throws UnsatisfiedCircuitException naming the failed check if the base proofs cannot be aggregated
     */
    public Result prove(BatchProof batch) {
        Map<ProofId, Made> made = new HashMap<>();
        int[] counts = new int[CircuitType.values().length];
        for (BaseProof p : batch.proofs()) {
            Made m = base(p.type(), counts[p.type().ordinal()]++, p.publicInputs(), p.proof());
            made.put(m.id(), m);
        }
        AggregationPlan plan = AggregationPlan.of(counts[CircuitType.TRANSFER_EXECUTION.ordinal()],
                counts[CircuitType.STORAGE_APPLICATION.ordinal()]);
        long leafNanos = 0;
        long nodeNanos = 0;
        for (PlannedProof planned : plan.proofs()) {
            long start = System.nanoTime();
            Made result = prove(planned, made.get(planned.first()), made.get(planned.second()));
            made.put(planned.id(), result);
            if (planned.isLeaf()) {
                leafNanos += System.nanoTime() - start;
            } else {
                nodeNanos += System.nanoTime() - start;
            }
        }
        long start = System.nanoTime();
        AggregatedBatchProof top = scheduler(batch.chainId(), batch.batchNumber(),
                made.get(plan.tops().get(CircuitType.TRANSFER_EXECUTION)), made.get(plan.tops().get(CircuitType.STORAGE_APPLICATION)));
        return new Result(top, plan, leafNanos, nodeNanos, System.nanoTime() - start);
    }

    /** A base proof as a leaf takes it: {@code index} is the instance index, the key the type's base key. */
    public Made base(CircuitType type, int index, long[] publicInputs, byte[] proof) {
        return new Made(new ProofId(type, 0, index), base.verificationKey(type), publicInputs, ProofCodec.decode(proof));
    }

    /** A leaf or node proof made earlier (by another partition, say), with the key of its layer. */
    public Made recursion(ProofId id, long[] publicInputs, PlonkishProof proof) {
        if (id.isBase()) {
            throw new IllegalArgumentException("not a recursion proof: " + id);
        }
        return new Made(id, id.isLeaf() ? keys.leaf(id.type()).key() : keys.node().key(), publicInputs, proof);
    }

    /**
     * Proves one leaf or node of the tree from its two inner proofs (the same one twice when slot 2
     * is inactive), each checked to be the one the plan names.
     */
    public Made prove(PlannedProof planned, Made first, Made second) {
        requireInner(planned, planned.first(), first);
        requireInner(planned, planned.second(), second);
        return planned.isLeaf() ? leaf(planned, first, second) : node(planned, first, second);
    }

    /** Proves the scheduler over the top proof of each type: the batch's one proof. */
    public AggregatedBatchProof scheduler(long chainId, long batchNumber, Made transfer, Made storage) {
        if (transfer.id().type() != CircuitType.TRANSFER_EXECUTION || storage.id().type() != CircuitType.STORAGE_APPLICATION
                || transfer.id().isBase() || storage.id().isBase()) {
            throw new IllegalArgumentException("the scheduler takes the top recursion proof of each type, got " + transfer.id()
                    + " and " + storage.id());
        }
        AggregationKeys.Layer scheduler = keys.scheduler();
        long[] inputs = SchedulerCircuit.inputs(chainId, batchNumber, transfer.id().isLeaf(), storage.id().isLeaf(),
                slot(scheduler, transfer), slot(scheduler, storage));
        return new AggregatedBatchProof(chainId, batchNumber, prove(null, scheduler, inputs).proof());
    }

    private static void requireInner(PlannedProof planned, ProofId expected, Made inner) {
        if (inner == null || !expected.equals(inner.id())) {
            throw new IllegalArgumentException(planned.id() + " takes " + expected + ", got " + (inner == null ? "none" : inner.id()));
        }
    }

    private Made leaf(PlannedProof planned, Made first, Made second) {
        CircuitType type = planned.id().type();
        AggregationKeys.Layer leaf = keys.leaf(type);
        long[] inputs = LeafCircuit.inputs(keys.leafKey(type), keys.nodeKey(), planned.active2(), slot(leaf, first), slot(leaf, second));
        return prove(planned.id(), leaf, inputs);
    }

    private Made node(PlannedProof planned, Made first, Made second) {
        CircuitType type = planned.id().type();
        AggregationKeys.Layer node = keys.node();
        long[] inputs = NodeCircuit.inputs(type.id, keys.leafKey(type), keys.nodeKey(), planned.firstIsLeaf(), planned.secondIsLeaf(),
                planned.active2(), slot(node, first), slot(node, second));
        return prove(planned.id(), node, inputs);
    }

    private static long[] slot(AggregationKeys.Layer layer, Made inner) {
        return layer.check().values(inner.key(), inner.publicInputs(), inner.proof());
    }

    /**
     * Resolves and checks the witness first (cheap next to proving), so that base proofs that do
     * not aggregate are refused with the failed check's name before any proving time is spent.
     */
    private Made prove(ProofId id, AggregationKeys.Layer layer, long[] inputs) {
        Circuit circuit = layer.circuit();
        WitnessVector witness = circuit.resolve(inputs);
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, witness);
        if (!report.satisfied()) {
            throw new UnsatisfiedCircuitException(report);
        }
        PlonkishProof proof = prover.proveUnchecked(layer.setup(), witness);
        try {
            new PlonkishVerifier(layer.key(), keys.config().securityBits()).verify(witness.publicInputs(), proof);
        } catch (VerificationException e) {
            throw new IllegalStateException((id == null ? "scheduler" : id.toString()) + ": a satisfied witness gave a proof that does not verify: " + e.getMessage(), e);
        }
        return new Made(id, layer.key(), witness.publicInputs(), proof);
    }

    /** Every proof a plan makes, for reports: how many of each kind. */
    public static List<String> describe(AggregationPlan plan) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < plan.rounds().size(); r++) {
            out.add((r == 0 ? "leaves" : "node round " + r) + ": " + plan.rounds().get(r).size());
        }
        return out;
    }
}
