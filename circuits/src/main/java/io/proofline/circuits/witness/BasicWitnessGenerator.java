package io.proofline.circuits.witness;

import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.InstanceIo;
import io.proofline.circuits.base.StorageApplicationCircuit;
import io.proofline.circuits.base.TransferExecutionCircuit;
import io.proofline.circuits.l2.AccessRecord;
import io.proofline.circuits.l2.Account;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.circuits.l2.StateTree;
import io.proofline.circuits.l2.Transaction;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Basic witness generation: checks a batch's witness input by replaying it, then splits it into
 * an ordered list of circuit instances, transfer execution first, each with its inputs and the
 * closed-form input and output it will prove. A batch always has at least one instance of each
 * type, so even an empty batch has a proof.
 */
public final class BasicWitnessGenerator {

    /** The checked header and the instances of a batch. */
    public record Result(BatchHeader header, List<CircuitInstance> instances) {
        public Result {
            instances = List.copyOf(instances);
        }
    }

    private BasicWitnessGenerator() {
    }

    /** @throws InvalidWitnessInputException if the input does not describe a valid execution */
    public static Result generate(WitnessInputData data, CircuitCapacities caps) {
        BatchReplay.Replayed replayed = BatchReplay.replayed(data);
        Digest[] logAfter = accessLog(data.accesses(), replayed);
        List<CircuitInstance> instances = new ArrayList<>();
        transferInstances(data, caps.transactionsPerInstance(), replayed, logAfter, instances);
        storageInstances(data, caps.accessesPerInstance(), replayed, logAfter, instances);
        return new Result(replayed.header(), instances);
    }

    /** The access log's chain after each access; both circuit types carry it. */
    private static Digest[] accessLog(List<AccessRecord> accesses, BatchReplay.Replayed replayed) {
        Digest[] after = new Digest[accesses.size()];
        Digest log = Commitments.ZERO;
        for (int k = 0; k < after.length; k++) {
            log = Commitments.logEntry(log, accesses.get(k).account(), replayed.leavesBefore()[k], replayed.leavesAfter()[k]);
            after[k] = log;
        }
        return after;
    }

    private static void transferInstances(WitnessInputData data, int slots, BatchReplay.Replayed replayed, Digest[] logAfter,
                                          List<CircuitInstance> out) {
        List<Transaction> txs = data.transactions();
        int count = Math.max(1, Math.ceilDiv(txs.size(), slots));
        Digest tx = Commitments.ZERO;
        Digest log = Commitments.ZERO;
        Digest withdrawals = Commitments.ZERO;
        int access = 0;
        for (int i = 0; i < count; i++) {
            long[] inputs = new long[TransferExecutionCircuit.HEADER_INPUTS + slots * TransferExecutionCircuit.SLOT_INPUTS];
            tx.intoArray(inputs, 0);
            log.intoArray(inputs, 4);
            withdrawals.intoArray(inputs, 8);
            Digest txIn = tx;
            Digest logIn = log;
            Digest withdrawalsIn = withdrawals;
            for (int s = 0; s < slots && i * slots + s < txs.size(); s++) {
                int n = i * slots + s;
                Transaction t = txs.get(n);
                int p = TransferExecutionCircuit.HEADER_INPUTS + s * TransferExecutionCircuit.SLOT_INPUTS;
                inputs[p + t.kind().ordinal()] = 1;
                long[] e = t.elements();
                System.arraycopy(e, 1, inputs, p + 3, 5);
                AccessRecord a = data.accesses().get(access);
                System.arraycopy(a.before().elements(), 0, inputs, p + 8, 3);
                log = logAfter[access++];
                if (t.kind() == Transaction.Kind.TRANSFER) {
                    AccessRecord b = data.accesses().get(access);
                    System.arraycopy(b.before().elements(), 0, inputs, p + 11, 3);
                    log = logAfter[access++];
                } else {
                    System.arraycopy(Account.EMPTY.elements(), 0, inputs, p + 11, 3);
                }
                tx = replayed.txChainAfter()[n];
                withdrawals = replayed.withdrawalsAfter()[n];
            }
            long[] pi = new InstanceIo.Transfer(txIn, tx, logIn, log, withdrawalsIn, withdrawals).publicInputs();
            out.add(new CircuitInstance(CircuitType.TRANSFER_EXECUTION, i, inputs, pi));
        }
    }

    private static void storageInstances(WitnessInputData data, int slots, BatchReplay.Replayed replayed, Digest[] logAfter,
                                         List<CircuitInstance> out) {
        List<AccessRecord> accesses = data.accesses();
        int count = Math.max(1, Math.ceilDiv(accesses.size(), slots));
        Digest root = data.preStateRoot();
        Digest log = Commitments.ZERO;
        for (int i = 0; i < count; i++) {
            long[] inputs = new long[StorageApplicationCircuit.HEADER_INPUTS + slots * StorageApplicationCircuit.SLOT_INPUTS];
            root.intoArray(inputs, 0);
            log.intoArray(inputs, 4);
            Digest rootIn = root;
            Digest logIn = log;
            for (int s = 0; s < slots && i * slots + s < accesses.size(); s++) {
                int k = i * slots + s;
                AccessRecord a = accesses.get(k);
                int p = StorageApplicationCircuit.HEADER_INPUTS + s * StorageApplicationCircuit.SLOT_INPUTS;
                inputs[p] = 1;
                inputs[p + 1] = a.account();
                replayed.leavesBefore()[k].intoArray(inputs, p + 2);
                replayed.leavesAfter()[k].intoArray(inputs, p + 6);
                for (int level = 0; level < StateTree.DEPTH; level++) {
                    a.siblings().get(level).intoArray(inputs, p + 10 + 4 * level);
                }
                root = replayed.rootsAfter()[k];
                log = logAfter[k];
            }
            long[] pi = new InstanceIo.Storage(rootIn, root, logIn, log).publicInputs();
            out.add(new CircuitInstance(CircuitType.STORAGE_APPLICATION, i, inputs, pi));
        }
    }
}
