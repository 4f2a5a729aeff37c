package io.proofline.plonkish;

import io.proofline.plonkish.gates.Algebra;
import io.proofline.plonkish.gates.Gate;
import io.proofline.plonkish.gates.GateCells;
import java.util.List;

/**
 * Walks every gate constraint of a row in the order the prover and verifier both use: gate
 * kinds in selector order, then instance slots, then each gate's constraints. The position in
 * this walk is the constraint's power of the combining challenge {@code alpha}.
 */
public final class GateTerms {

    /** The values of a row's columns at one point (or block of points). */
    public interface Columns<T> {
        T copy(int column);

        T witness(int column);

        T constant(int column);

        T publicInput();
    }

    /** Receives constraints, and the end of each gate kind's share. */
    public interface Visitor<T> {
        void constraint(int alphaIndex, T value);

        void gateDone(int gateIndex);

        /**
         * Offers the visitor a whole gate kind, whose constraints take the alpha indices from
         * {@code firstAlpha} on: {@code true} if it accounted for them itself (a kernel that
         * evaluates them all at once), and {@link #visit} then evaluates none of them.
         */
        default boolean wholeGate(Gate gate, int firstAlpha) {
            return false;
        }
    }

    private GateTerms() {
    }

    /** Number of gate constraints per row: the alpha powers the gates use. */
    static int count(Geometry g, List<Gate> gates) {
        int total = 0;
        for (Gate gate : gates) {
            total += capacity(g, gate) * gate.constraints();
        }
        return total;
    }

    static int capacity(Geometry g, Gate gate) {
        return gate.instancesPerRow(g.copyColumns(), g.witnessColumns(), g.constantColumns());
    }

    public static <T> void visit(Geometry g, List<Gate> gates, Algebra<T> f, Columns<T> columns, Visitor<T> visitor) {
        int[] alpha = {0};
        for (int gi = 0; gi < gates.size(); gi++) {
            Gate gate = gates.get(gi);
            if (visitor.wholeGate(gate, alpha[0])) {
                alpha[0] += capacity(g, gate) * gate.constraints();
            } else {
                for (int k = 0; k < capacity(g, gate); k++) {
                    gate.evaluate(f, cells(columns, gate, k), value -> visitor.constraint(alpha[0]++, value));
                }
            }
            visitor.gateDone(gi);
        }
    }

    /** Instance {@code instance} of {@code gate}'s cells among a row's {@code columns}, as {@link #visit} hands them to the gate. */
    static <T> GateCells<T> cells(Columns<T> columns, Gate gate, int instance) {
        return new InstanceCells<>(columns, gate, instance);
    }

    /** One instance's cells as offsets into the row. */
    private record InstanceCells<T>(Columns<T> columns, Gate gate, int instance) implements GateCells<T> {

        @Override
        public T copy(int i) {
            return columns.copy(instance * gate.copyCells() + i);
        }

        @Override
        public T witness(int i) {
            return columns.witness(instance * gate.witnessCells() + i);
        }

        @Override
        public T rowConstant(int i) {
            return columns.constant(i);
        }

        @Override
        public T instanceConstant(int i) {
            return columns.constant(gate.rowConstants() + instance * gate.instanceConstants() + i);
        }

        @Override
        public T publicInput() {
            return columns.publicInput();
        }
    }
}
