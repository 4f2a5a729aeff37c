package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.InstanceIo;
import io.proofline.circuits.l2.Commitments;
import io.proofline.poseidon2.Digest;

/**
 * The 33 public inputs of a leaf or node proof ({@link RecursionShape}), natively: the circuit
 * type, the leaf and node key commitments the proof claims, and the range of closed-form I/O it
 * covers. Also the native mirror of what a leaf or node computes from its inner proofs.
 *
 * @param typeId the {@link CircuitType#id} of every base proof below
 * @param leafKey the leaf key commitment the proof's own checks used (bound by its parent)
 * @param nodeKey the node key commitment the proof's own checks used (bound by its parent)
 * @param in the chains before the first base instance covered
 * @param out the chains after the last base instance covered
 */
public record AggregationIo(long typeId, Digest leafKey, Digest nodeKey, Chains in, Chains out) {

    /**
     * The three chains a range carries, in public-input order. Transfer execution: the
     * transaction chain, the access log, the withdrawal chain. Storage application: the state
     * root, the access log, and the zero digest. The log is second for both types, so the
     * scheduler compares the same position of each.
     */
    public record Chains(Digest main, Digest log, Digest extra) {

        public static final int ELEMENTS = 3 * Digest.ELEMENTS;

        public static Chains of(long[] values, int offset) {
            return new Chains(Digest.fromArray(values, offset), Digest.fromArray(values, offset + 4),
                    Digest.fromArray(values, offset + 8));
        }

        public void intoArray(long[] dst, int offset) {
            main.intoArray(dst, offset);
            log.intoArray(dst, offset + 4);
            extra.intoArray(dst, offset + 8);
        }

        /** The chains before a base instance, from its public inputs ({@link InstanceIo}). */
        public static Chains inputOf(CircuitType type, long[] basePublicInputs) {
            return switch (type) {
                case TRANSFER_EXECUTION -> {
                    InstanceIo.Transfer t = InstanceIo.Transfer.of(basePublicInputs);
                    yield new Chains(t.txIn(), t.logIn(), t.withdrawalsIn());
                }
                case STORAGE_APPLICATION -> {
                    InstanceIo.Storage s = InstanceIo.Storage.of(basePublicInputs);
                    yield new Chains(s.rootIn(), s.logIn(), Commitments.ZERO);
                }
            };
        }

        /** The chains after a base instance, from its public inputs. */
        public static Chains outputOf(CircuitType type, long[] basePublicInputs) {
            return switch (type) {
                case TRANSFER_EXECUTION -> {
                    InstanceIo.Transfer t = InstanceIo.Transfer.of(basePublicInputs);
                    yield new Chains(t.txOut(), t.logOut(), t.withdrawalsOut());
                }
                case STORAGE_APPLICATION -> {
                    InstanceIo.Storage s = InstanceIo.Storage.of(basePublicInputs);
                    yield new Chains(s.rootOut(), s.logOut(), Commitments.ZERO);
                }
            };
        }
    }

    /** @throws IllegalArgumentException unless there are exactly {@link RecursionShape#PUBLIC_INPUTS} values */
    public static AggregationIo of(long[] publicInputs) {
        if (publicInputs.length != RecursionShape.PUBLIC_INPUTS) {
            throw new IllegalArgumentException("a leaf or node proof has " + RecursionShape.PUBLIC_INPUTS
                    + " public inputs, got " + publicInputs.length);
        }
        return new AggregationIo(publicInputs[RecursionShape.TYPE_ID], Digest.fromArray(publicInputs, RecursionShape.LEAF_KEY),
                Digest.fromArray(publicInputs, RecursionShape.NODE_KEY), Chains.of(publicInputs, RecursionShape.RANGE_IN),
                Chains.of(publicInputs, RecursionShape.RANGE_OUT));
    }

    public long[] publicInputs() {
        long[] pi = new long[RecursionShape.PUBLIC_INPUTS];
        pi[RecursionShape.TYPE_ID] = typeId;
        leafKey.intoArray(pi, RecursionShape.LEAF_KEY);
        nodeKey.intoArray(pi, RecursionShape.NODE_KEY);
        in.intoArray(pi, RecursionShape.RANGE_IN);
        out.intoArray(pi, RecursionShape.RANGE_OUT);
        return pi;
    }

    /**
     * What a leaf proves for base proofs of {@code type} with these public inputs: the first
     * one's input to the second one's output, or the first one's output when slot 2 is inactive.
     *
     * @throws IllegalArgumentException if slot 2 is active and does not continue slot 1
     */
    public static AggregationIo leaf(CircuitType type, Digest leafKey, Digest nodeKey, long[] first, long[] second,
                                     boolean active2) {
        Chains out = Chains.outputOf(type, first);
        if (active2) {
            requireContinues(out, Chains.inputOf(type, second));
            out = Chains.outputOf(type, second);
        }
        return new AggregationIo(type.id, leafKey, nodeKey, Chains.inputOf(type, first), out);
    }

    /**
     * What a node with these own public inputs proves from two inner proofs.
     *
     * @throws IllegalArgumentException if slot 2 is active and does not continue slot 1
     */
    public static AggregationIo node(long typeId, Digest leafKey, Digest nodeKey, AggregationIo first,
                                     AggregationIo second, boolean active2) {
        Chains out = first.out;
        if (active2) {
            requireContinues(out, second.in);
            out = second.out;
        }
        return new AggregationIo(typeId, leafKey, nodeKey, first.in, out);
    }

    private static void requireContinues(Chains firstOut, Chains secondIn) {
        if (!firstOut.equals(secondIn)) {
            throw new IllegalArgumentException("the second inner proof does not start where the first ends: "
                    + secondIn + " after " + firstOut);
        }
    }
}
