package io.proofline.plonkish;

import io.proofline.plonkish.gates.Gate;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the trace as the builder fills it: a gate kind, the row's shared constants, and
 * the instances placed so far (their copy variables, witness variables and own constants).
 */
final class GateRow {

    final int index;
    final Gate gate;
    final long[] rowConstants;
    final int capacity;
    final List<int[]> copyVariables = new ArrayList<>();
    final List<int[]> witnessVariables = new ArrayList<>();
    final List<long[]> instanceConstants = new ArrayList<>();

    GateRow(int index, Gate gate, long[] rowConstants, int capacity) {
        this.index = index;
        this.gate = gate;
        this.rowConstants = rowConstants;
        this.capacity = capacity;
    }

    boolean full() {
        return copyVariables.size() == capacity;
    }
}
