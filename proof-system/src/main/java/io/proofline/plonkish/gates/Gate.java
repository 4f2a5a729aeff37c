package io.proofline.plonkish.gates;

/**
 * A gate kind: a set of polynomial constraints over the cells of one instance.
 *
 * <p>Instances of a gate that share general-purpose columns sit side by side in a row (all of
 * one row's instances share its row constants); gates that need many cells, such as
 * {@link Poseidon2Gate}, take a whole row and the witness-only columns.
 */
public sealed interface Gate permits FmaGate, ExtFmaGate, ConstantGate, PublicInputGate, BooleanGate,
        BitDecompositionGate, SelectionGate, ConditionalSwapGate, ZeroCheckGate, Poseidon2Gate, MerkleLevelGate, Range62Gate {

    /** The gate's stable name, as written in verification keys. */
    String name();

    int copyCells();

    default int witnessCells() {
        return 0;
    }

    default int rowConstants() {
        return 0;
    }

    default int instanceConstants() {
        return 0;
    }

    /** Constraints per instance. */
    int constraints();

    /** The largest total degree of a constraint in the cells and constants. */
    int degree();

    /** Writes the constraints of one instance, in order. */
    <T> void evaluate(Algebra<T> f, GateCells<T> cells, ConstraintSink<T> out);

    /** Copy-cell values of an unused instance slot that satisfy the constraints (zeros by default). */
    default long[] paddingCopyCells() {
        return new long[copyCells()];
    }

    /** How many instances fit in one row of this geometry's columns. */
    default int instancesPerRow(int copyColumns, int witnessColumns, int constantColumns) {
        int n = copyColumns / copyCells();
        if (witnessCells() > 0) {
            n = Math.min(n, witnessColumns / witnessCells());
        }
        if (instanceConstants() > 0) {
            n = Math.min(n, (constantColumns - rowConstants()) / instanceConstants());
        }
        return rowConstants() > constantColumns ? 0 : n;
    }

    /**
     * Every gate kind, in the order used by selector columns and keys. New kinds go at the end:
     * a circuit's selector columns follow this order over the kinds it uses, so a circuit that
     * does not use a new kind keeps its keys.
     */
    static Gate[] all() {
        return new Gate[] {FmaGate.INSTANCE, ExtFmaGate.INSTANCE, ConstantGate.INSTANCE, PublicInputGate.INSTANCE,
            BooleanGate.INSTANCE, BitDecompositionGate.INSTANCE, SelectionGate.INSTANCE,
            ConditionalSwapGate.INSTANCE, ZeroCheckGate.INSTANCE, Poseidon2Gate.INSTANCE, MerkleLevelGate.INSTANCE,
            Range62Gate.INSTANCE};
    }

    /** @throws IllegalArgumentException for an unknown name */
    static Gate byName(String name) {
        for (Gate g : all()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown gate '" + name + "'");
    }
}
