package io.proofline.circuits.aggregation;

import static io.proofline.circuits.aggregation.Constraints.bind;
import static io.proofline.circuits.aggregation.Constraints.concat;
import static io.proofline.circuits.aggregation.Constraints.constants;
import static io.proofline.circuits.aggregation.Constraints.hash;
import static io.proofline.circuits.aggregation.Constraints.not;
import static io.proofline.circuits.aggregation.Constraints.requireEqual;
import static io.proofline.circuits.aggregation.Constraints.requireEqualWhen;
import static io.proofline.circuits.aggregation.Constraints.select;
import static io.proofline.circuits.aggregation.Constraints.slice;
import static io.proofline.circuits.aggregation.Constraints.zeros;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.l2.BatchHeader;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;

/**
 * The scheduler circuit: verifies the top proof (leaf or node) of each base circuit type and
 * checks in circuit what {@code BatchProofVerifier.checkChaining} checks natively, so that one
 * proof attests a whole batch. Its own shape; its key is registered at the core.
 *
 * <ul>
 *   <li>per type {@code T}: the top proof was verified under {@code isLeaf ? K_T : K_N}, its type
 *       id is {@code T}, and unless it is a leaf its leaf and node keys are {@code K_T} and
 *       {@code K_N} (the constants this circuit holds; see {@link NodeCircuit} for why that
 *       binds every proof below);</li>
 *   <li>transfer execution starts from empty transaction, access-log and withdrawal chains;</li>
 *   <li>storage application starts from the pre-state root and an empty log, and ends having
 *       consumed exactly the log transfer execution produced;</li>
 *   <li>the public batch commitment is {@link BatchHeader#commitment()} of {@code chainId},
 *       {@code batchNumber}, the storage range's roots and the transfer range's transaction and
 *       withdrawal chains, hashed in circuit as {@code Commitments.batch} does.</li>
 * </ul>
 *
 * <p>Public inputs ({@link #publicInputs}): the batch commitment (4), then the key commitments
 * of the transfer-execution leaf, the storage-application leaf and the node (4 each).
 *
 * <p>Inputs, in allocation order: {@code chainId}, {@code batchNumber}, {@code isLeaf} of the
 * transfer-execution top proof and of the storage-application one, then the transfer-execution
 * slot's check inputs, then the storage-application slot's ({@link #inputs}).
 */
public final class SchedulerCircuit {

    public static final int PUBLIC_INPUTS = 16;

    private SchedulerCircuit() {
    }

    /**
     * @param transferLeafKey the transfer-execution leaf key commitment
     * @param storageLeafKey the storage-application leaf key commitment
     * @param nodeKey the node key commitment
     * @param check the in-circuit check of one proof of the recursion shape
     */
    public static Circuit build(Digest transferLeafKey, Digest storageLeafKey, Digest nodeKey, InnerProofCheck check,
                                int logRows) {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(logRows));
        Variable chainId = b.input();
        Variable batchNumber = b.input();
        Variable[] isLeaf = b.inputs(2);
        Variable[] commitment = Constraints.allocate(b, Digest.ELEMENTS);
        Variable[] keys = Constraints.allocate(b, 3 * Digest.ELEMENTS);
        for (Variable v : concat(commitment, keys)) {
            b.publicInput(v);
        }

        Variable[] node = constants(b, nodeKey);
        RecursionShape.Io transfer = top(b, check, CircuitType.TRANSFER_EXECUTION, isLeaf[0], constants(b, transferLeafKey), node);
        RecursionShape.Io storage = top(b, check, CircuitType.STORAGE_APPLICATION, isLeaf[1], constants(b, storageLeafKey), node);

        requireEqual(b, transfer.in(), zeros(b, AggregationIo.Chains.ELEMENTS), "transfer execution starts from empty chains");
        requireEqual(b, slice(storage.in(), 4, 4), zeros(b, 4), "storage application starts from an empty log");
        requireEqual(b, slice(storage.out(), 4, 4), slice(transfer.out(), 4, 4),
                "storage application consumes exactly the log of transfer execution");
        Variable[] pre = slice(storage.in(), 0, 4);
        Variable[] post = slice(storage.out(), 0, 4);
        Variable[] tx = slice(transfer.out(), 0, 4);
        Variable[] withdrawals = slice(transfer.out(), 8, 4);
        Variable[] batch = hash(b, concat(new Variable[] {chainId, batchNumber}, pre, post, tx, withdrawals));
        bind(b, commitment, batch, "batch commitment");
        bind(b, keys, concat(constants(b, transferLeafKey), constants(b, storageLeafKey), node), "key commitments");
        return b.build();
    }

    /** Checks the top proof of {@code type} and returns its public inputs. */
    private static RecursionShape.Io top(CircuitBuilder b, InnerProofCheck check, CircuitType type, Variable isLeaf,
                                         Variable[] leafKey, Variable[] nodeKey) {
        CheckedProof p = CheckedProof.of(check, b, RecursionShape.PUBLIC_INPUTS, "a leaf or node proof");
        RecursionShape.Io io = RecursionShape.Io.of(p.publicInputs());
        String slot = "scheduler " + type.label + " proof";
        b.assertBoolean(isLeaf);
        requireEqual(b, p.keyCommitment(), select(b, isLeaf, leafKey, nodeKey),
                slot + " key is the " + type.label + " leaf key if a leaf, else the node key");
        requireEqual(b, io.typeId(), b.constant(type.id), slot + " type id");
        Variable isNode = not(b, isLeaf);
        requireEqualWhen(b, isNode, io.leafKey(), leafKey, slot + " leaf key, for a node");
        requireEqualWhen(b, isNode, io.nodeKey(), nodeKey, slot + " node key, for a node");
        return io;
    }

    /** The circuit's input values, in allocation order, with each slot's check inputs. */
    public static long[] inputs(long chainId, long batchNumber, boolean transferIsLeaf, boolean storageIsLeaf,
                                long[] transfer, long[] storage) {
        return new InputValues().add(chainId).add(batchNumber).add(transferIsLeaf).add(storageIsLeaf)
                .addCheck(transfer).addCheck(storage).values();
    }

    /** The public inputs a scheduler proof of {@code header} must have, for these keys: what the core checks. */
    public static long[] publicInputs(BatchHeader header, Digest transferLeafKey, Digest storageLeafKey, Digest nodeKey) {
        long[] out = new long[PUBLIC_INPUTS];
        header.commitment().intoArray(out, 0);
        transferLeafKey.intoArray(out, 4);
        storageLeafKey.intoArray(out, 8);
        nodeKey.intoArray(out, 12);
        return out;
    }
}
