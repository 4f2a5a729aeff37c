package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two consecutive real batches split into base circuit instances at the small capacities, with
 * the pinned base key commitments of those capacities: the base proofs' public inputs that
 * aggregation composes (no proving needed for that).
 */
record RealBatch(BatchHeader header, List<long[]> transfers, List<long[]> storage) {

    static final CircuitCapacities CAPS = CircuitCapacities.small();
    static final Map<CircuitType, Digest> BASE_KEYS = PinnedCommitments.load()
            .require(PinnedCommitments.load().currentVersion(), "small");

    /** Batch 1 funds a few accounts; batch 2 moves funds among them. */
    static List<RealBatch> twoBatches() {
        return twoBatches(false);
    }

    /**
     * As {@link #twoBatches()}; with {@code bystander}, batch 1 also funds account 40, which
     * batch 2 never touches: batch 2 then has the same transactions and access log from another
     * pre-state root.
     */
    static List<RealBatch> twoBatches(boolean bystander) {
        StateTree tree = new StateTree();
        List<Transaction> funding = new ArrayList<>(List.of(
                Transaction.deposit(1, 1000, 11), Transaction.deposit(2, 500, 12), Transaction.deposit(3, 70, 13)));
        if (bystander) {
            funding.add(Transaction.deposit(40, 5, 40));
        }
        BatchExecution.SealedBatch first = BatchExecution.seal(tree, 7, 1, 1, funding);
        BatchExecution.SealedBatch second = BatchExecution.seal(tree, 7, 2, 1, List.of(
                Transaction.transfer(1, 2, 100, 0), Transaction.transfer(2, 3, 50, 0), Transaction.withdraw(3, 20, 0, 0xABC),
                Transaction.deposit(4, 9, 14), Transaction.transfer(1, 4, 1, 1), Transaction.transfer(4, 5, 3, 0),
                Transaction.withdraw(1, 10, 2, 0xDEF), Transaction.transfer(2, 1, 7, 1), Transaction.deposit(6, 1, 16),
                Transaction.transfer(5, 6, 2, 0), Transaction.transfer(3, 1, 5, 1)));
        return List.of(of(first), of(second));
    }

    private static RealBatch of(BatchExecution.SealedBatch sealed) {
        List<CircuitInstance> instances = BasicWitnessGenerator.generate(sealed.witnessInput(), CAPS).instances();
        return new RealBatch(sealed.header(), publicInputs(instances, CircuitType.TRANSFER_EXECUTION),
                publicInputs(instances, CircuitType.STORAGE_APPLICATION));
    }

    private static List<long[]> publicInputs(List<CircuitInstance> instances, CircuitType type) {
        return instances.stream().filter(i -> i.type() == type).map(CircuitInstance::publicInputs).toList();
    }

    List<long[]> of(CircuitType type) {
        return type == CircuitType.TRANSFER_EXECUTION ? transfers : storage;
    }
}
