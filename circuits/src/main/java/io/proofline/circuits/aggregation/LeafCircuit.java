package io.proofline.circuits.aggregation;

import static io.proofline.circuits.aggregation.Constraints.bind;
import static io.proofline.circuits.aggregation.Constraints.concat;
import static io.proofline.circuits.aggregation.Constraints.constants;
import static io.proofline.circuits.aggregation.Constraints.requireEqual;
import static io.proofline.circuits.aggregation.Constraints.requireEqualWhen;
import static io.proofline.circuits.aggregation.Constraints.select;
import static io.proofline.circuits.aggregation.Constraints.slice;
import static io.proofline.circuits.aggregation.Constraints.zeros;

import io.proofline.circuits.base.CircuitType;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;

/**
 * The leaf circuit of one base circuit type: verifies two base proofs of that type under the
 * registered base key and proves the range of closed-form I/O they cover.
 *
 * <ul>
 *   <li>each slot's key commitment equals the base key commitment, a constant of the circuit;</li>
 *   <li>when {@code active2} is 1, slot 2 starts where slot 1 ends (all three chains) and the
 *       range is slot 1's input to slot 2's output; when 0, the caller repeats slot 1's proof in
 *       slot 2, which is still verified but not chained, and the range is slot 1's;</li>
 *   <li>the type id is the constant {@link CircuitType#id}; the leaf and node key commitments
 *       are free inputs, bound by whatever verifies this proof ({@link NodeCircuit}).</li>
 * </ul>
 *
 * <p>Inputs, in allocation order: leaf key (4), node key (4), {@code active2}, slot 1's check
 * inputs, slot 2's check inputs ({@link #inputs}).
 */
public final class LeafCircuit {

    private LeafCircuit() {
    }

    /**
     * @param baseKey the commitment of the registered verification key of {@code type}'s base circuit
     * @param baseCheck the in-circuit check of one base proof of {@code type}
     * @param logRows the recursion shape's rows, the same for leaves and nodes
     */
    public static Circuit build(CircuitType type, Digest baseKey, InnerProofCheck baseCheck, int logRows) {
        CircuitBuilder b = new CircuitBuilder(RecursionShape.geometry(logRows));
        RecursionShape.Io own = new RecursionShape.Io(b.allocate(), b.inputs(4), b.inputs(4),
                Constraints.allocate(b, AggregationIo.Chains.ELEMENTS), Constraints.allocate(b, AggregationIo.Chains.ELEMENTS));
        Variable active2 = b.input();
        RecursionShape.begin(b, own);

        CheckedProof first = CheckedProof.of(baseCheck, b, type.publicInputs, type.label + " proof");
        CheckedProof second = CheckedProof.of(baseCheck, b, type.publicInputs, type.label + " proof");
        Variable[] key = constants(b, baseKey);
        requireEqual(b, first.keyCommitment(), key, "leaf slot 1 key is the registered " + type.label + " key");
        requireEqual(b, second.keyCommitment(), key, "leaf slot 2 key is the registered " + type.label + " key");

        b.assertBoolean(active2);
        Variable[] firstOut = output(b, type, first.publicInputs());
        requireEqualWhen(b, active2, input(b, type, second.publicInputs()), firstOut, "leaf slot 2 continues slot 1");
        bind(b, new Variable[] {own.typeId()}, new Variable[] {b.constant(type.id)}, "leaf type id");
        bind(b, own.in(), input(b, type, first.publicInputs()), "leaf range input");
        bind(b, own.out(), select(b, active2, output(b, type, second.publicInputs()), firstOut), "leaf range output");
        return b.build();
    }

    /**
     * The circuit's input values, in allocation order.
     *
     * @param first slot 1's check inputs (what its {@link InnerProofCheck} allocates)
     * @param second slot 2's check inputs; slot 1's again when {@code active2} is false
     */
    public static long[] inputs(Digest leafKey, Digest nodeKey, boolean active2, long[] first, long[] second) {
        return new InputValues().add(leafKey).add(nodeKey).add(active2).addCheck(first).addCheck(second).values();
    }

    /** The chains before a base instance, from its public inputs, as {@link AggregationIo.Chains#inputOf}. */
    private static Variable[] input(CircuitBuilder b, CircuitType type, Variable[] pi) {
        return switch (type) {
            case TRANSFER_EXECUTION -> concat(slice(pi, 0, 4), slice(pi, 8, 4), slice(pi, 16, 4));
            case STORAGE_APPLICATION -> concat(slice(pi, 0, 4), slice(pi, 8, 4), zeros(b, 4));
        };
    }

    /** The chains after a base instance, as {@link AggregationIo.Chains#outputOf}. */
    private static Variable[] output(CircuitBuilder b, CircuitType type, Variable[] pi) {
        return switch (type) {
            case TRANSFER_EXECUTION -> concat(slice(pi, 4, 4), slice(pi, 12, 4), slice(pi, 20, 4));
            case STORAGE_APPLICATION -> concat(slice(pi, 4, 4), slice(pi, 12, 4), zeros(b, 4));
        };
    }
}
