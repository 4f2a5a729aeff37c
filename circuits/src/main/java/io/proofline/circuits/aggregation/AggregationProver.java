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
            ProofId id = new ProofId(p.type(), 0, counts[p.type().ordinal()]++);
            made.put(id, new Made(id, base.verificationKey(p.type()), p.publicInputs(), ProofCodec.decode(p.proof())));
        }
        AggregationPlan plan = AggregationPlan.of(counts[CircuitType.TRANSFER_EXECUTION.ordinal()],
                counts[CircuitType.STORAGE_APPLICATION.ordinal()]);
        long leafNanos = 0;
        long nodeNanos = 0;
        for (PlannedProof planned : plan.proofs()) {
            long start = System.nanoTime();
            Made result = planned.isLeaf() ? leaf(planned, made) : node(planned, made);
            made.put(planned.id(), result);
            if (planned.isLeaf()) {
                leafNanos += System.nanoTime() - start;
            } else {
                nodeNanos += System.nanoTime() - start;
            }
        }
        long start = System.nanoTime();
        Made transfer = made.get(plan.tops().get(CircuitType.TRANSFER_EXECUTION));
        Made storage = made.get(plan.tops().get(CircuitType.STORAGE_APPLICATION));
        AggregationKeys.Layer scheduler = keys.scheduler();
        long[] inputs = SchedulerCircuit.inputs(batch.chainId(), batch.batchNumber(), transfer.id().isLeaf(), storage.id().isLeaf(),
                slot(scheduler, transfer), slot(scheduler, storage));
        Made top = prove(null, scheduler, inputs);
        return new Result(new AggregatedBatchProof(batch.chainId(), batch.batchNumber(), top.proof()), plan, leafNanos, nodeNanos,
                System.nanoTime() - start);
    }

    private Made leaf(PlannedProof planned, Map<ProofId, Made> made) {
        CircuitType type = planned.id().type();
        AggregationKeys.Layer leaf = keys.leaf(type);
        long[] inputs = LeafCircuit.inputs(keys.leafKey(type), keys.nodeKey(), planned.active2(),
                slot(leaf, made.get(planned.first())), slot(leaf, made.get(planned.second())));
        return prove(planned.id(), leaf, inputs);
    }

    private Made node(PlannedProof planned, Map<ProofId, Made> made) {
        CircuitType type = planned.id().type();
        AggregationKeys.Layer node = keys.node();
        long[] inputs = NodeCircuit.inputs(type.id, keys.leafKey(type), keys.nodeKey(), planned.firstIsLeaf(), planned.secondIsLeaf(),
                planned.active2(), slot(node, made.get(planned.first())), slot(node, made.get(planned.second())));
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
