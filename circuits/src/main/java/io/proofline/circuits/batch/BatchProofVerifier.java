package io.proofline.circuits.batch;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.InstanceIo;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.circuits.l2.Commitments;
import io.proofline.codec.FormatException;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.VerificationException;
import io.proofline.plonkish.VerificationKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accepts a batch proof only if every base proof verifies against the registered key of its
 * circuit type and the instances chain from the batch's start to its header:
 *
 * <ul>
 *   <li>transfer execution starts from empty transaction, access-log and withdrawal chains,
 *       each instance continues the previous one, and the last ends at the header's
 *       {@code txCommitment} and {@code withdrawalsCommitment};</li>
 *   <li>storage application starts from {@code preStateRoot} and an empty log, each instance
 *       continues the previous one, and the last ends at {@code postStateRoot} having consumed
 *       exactly the log that transfer execution produced.</li>
 * </ul>
 *
 * <p>Keys are checked once, at construction: one whose parameters give less than the required
 * conjectured security, or whose sizes the verifier cannot handle, is refused there.
 */
public final class BatchProofVerifier {

    private final Map<CircuitType, PlonkishVerifier> verifiers;

    /**
     * A verifier requiring {@link FriParameters#DEFAULT_SECURITY_BITS} bits of conjectured security of every key.
     *
     * @throws IllegalArgumentException naming the circuit type whose key is refused, and why
     */
    public BatchProofVerifier(Map<CircuitType, VerificationKey> keys) {
        this(keys, FriParameters.DEFAULT_SECURITY_BITS);
    }

    /**
     * @param requiredBits the conjectured security every key must give
     * @throws IllegalArgumentException naming the circuit type whose key is refused, and why
     */
    public BatchProofVerifier(Map<CircuitType, VerificationKey> keys, int requiredBits) {
        Map<CircuitType, PlonkishVerifier> out = new EnumMap<>(CircuitType.class);
        keys.forEach((type, key) -> {
            try {
                out.put(type, new PlonkishVerifier(key, requiredBits));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.label + ": " + e.getMessage(), e);
            }
        });
        this.verifiers = Map.copyOf(out);
    }

    /** @throws BatchProofRejectedException with the reason */
    public void verify(BatchHeader header, BatchProof batch) {
        checkChaining(header, batch);
        for (BaseProof p : batch.proofs()) {
            String name = p.type().label + " instance " + p.instance();
            PlonkishVerifier verifier = verifiers.get(p.type());
            if (verifier == null) {
                throw new BatchProofRejectedException("no verification key registered for " + p.type().label);
            }
            try {
                verifier.verify(p.publicInputs(), ProofCodec.decode(p.proof()));
            } catch (FormatException e) {
                throw new BatchProofRejectedException(name + ": malformed proof: " + e.getMessage());
            } catch (VerificationException e) {
                throw new BatchProofRejectedException(name + ": proof does not verify: " + e.getMessage());
            }
        }
    }

    /**
     * Checks identity, instance order and the chaining of public inputs, without verifying the
     * proofs themselves.
     *
     * @throws BatchProofRejectedException with the reason
     */
    public static void checkChaining(BatchHeader header, BatchProof batch) {
        require(batch.chainId() == header.chainId() && batch.batchNumber() == header.batchNumber(),
                "proof is for chain " + batch.chainId() + " batch " + batch.batchNumber() + ", not chain "
                        + header.chainId() + " batch " + header.batchNumber());
        List<BaseProof> transfers = ofType(batch, CircuitType.TRANSFER_EXECUTION);
        List<BaseProof> storage = ofType(batch, CircuitType.STORAGE_APPLICATION);
        // a base proof always has one of the two types, so these lists hold every proof of the batch
        require(!transfers.isEmpty() && !storage.isEmpty(), "a batch proof needs at least one instance of each circuit type");

        InstanceIo.Transfer previous = null;
        for (int i = 0; i < transfers.size(); i++) {
            InstanceIo.Transfer io = InstanceIo.Transfer.of(transfers.get(i).publicInputs());
            if (previous == null) {
                require(io.txIn().equals(Commitments.ZERO) && io.logIn().equals(Commitments.ZERO)
                        && io.withdrawalsIn().equals(Commitments.ZERO), "first transfer execution does not start from empty chains");
            } else {
                require(io.txIn().equals(previous.txOut()) && io.logIn().equals(previous.logOut())
                        && io.withdrawalsIn().equals(previous.withdrawalsOut()),
                        "transfer execution instance " + i + " does not continue instance " + (i - 1));
            }
            previous = io;
        }
        require(previous.txOut().equals(header.txCommitment()), "transactions proven differ from the batch's (txCommitment)");
        require(previous.withdrawalsOut().equals(header.withdrawalsCommitment()),
                "withdrawals proven differ from the batch's (withdrawalsCommitment)");

        InstanceIo.Storage before = null;
        for (int i = 0; i < storage.size(); i++) {
            InstanceIo.Storage io = InstanceIo.Storage.of(storage.get(i).publicInputs());
            if (before == null) {
                require(io.rootIn().equals(header.preStateRoot()), "storage application does not start from preStateRoot");
                require(io.logIn().equals(Commitments.ZERO), "storage application does not start from an empty log");
            } else {
                require(io.rootIn().equals(before.rootOut()) && io.logIn().equals(before.logOut()),
                        "storage application instance " + i + " does not continue instance " + (i - 1));
            }
            before = io;
        }
        require(before.rootOut().equals(header.postStateRoot()), "state root proven differs from postStateRoot");
        require(before.logOut().equals(previous.logOut()),
                "storage application did not apply exactly the access log of transfer execution");
    }

    private static List<BaseProof> ofType(BatchProof batch, CircuitType type) {
        List<BaseProof> out = batch.proofs().stream().filter(p -> p.type() == type).toList();
        for (int i = 0; i < out.size(); i++) {
            require(out.get(i).instance() == i, type.label + " instances out of order: position " + i + " holds instance "
                    + out.get(i).instance());
            require(out.get(i).publicInputs().length == type.publicInputs,
                    type.label + " instance " + i + " has " + out.get(i).publicInputs().length + " public inputs");
        }
        return out;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new BatchProofRejectedException(reason);
        }
    }
}
