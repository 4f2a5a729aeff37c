package io.proofline.plonkish.gates;

import java.util.ArrayList;
import java.util.List;

/** One gate instance's cells held in arrays, for checking its constraints one by one. */
record ArrayCells(long[] copyCells, long[] witnessCells) implements GateCells<Long> {

    ArrayCells duplicate() {
        return new ArrayCells(copyCells.clone(), witnessCells.clone());
    }

    /** The indices of {@code gate}'s constraints that are not zero on these cells. */
    List<Integer> violated(Gate gate) {
        List<Integer> bad = new ArrayList<>();
        int[] k = {0};
        gate.evaluate(BaseAlgebra.INSTANCE, this, value -> {
            if (value != 0) {
                bad.add(k[0]);
            }
            k[0]++;
        });
        return bad;
    }

    @Override
    public Long copy(int i) {
        return copyCells[i];
    }

    @Override
    public Long witness(int i) {
        return witnessCells[i];
    }

    @Override
    public Long rowConstant(int i) {
        throw new AssertionError("no row constants in these tests");
    }

    @Override
    public Long instanceConstant(int i) {
        throw new AssertionError("no instance constants in these tests");
    }

    @Override
    public Long publicInput() {
        throw new AssertionError("no public input in these tests");
    }
}
