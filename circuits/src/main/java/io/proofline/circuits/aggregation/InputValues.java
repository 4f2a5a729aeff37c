package io.proofline.circuits.aggregation;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Digest;
import java.util.Arrays;

/**
 * Collects a circuit's input values in allocation order: the circuit's own inputs, then each
 * slot's check inputs as one block (see {@link InnerProofCheck}).
 */
final class InputValues {

    private long[] values = new long[64];
    private int size;
    private int checkLength = -1;

    InputValues add(long value) {
        if (!Goldilocks.isCanonical(value)) {
            throw new IllegalArgumentException("input " + size + " is not a canonical field element: "
                    + Long.toUnsignedString(value));
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = value;
        return this;
    }

    InputValues add(boolean flag) {
        return add(flag ? 1 : 0);
    }

    InputValues add(Digest d) {
        for (int i = 0; i < Digest.ELEMENTS; i++) {
            add(d.element(i));
        }
        return this;
    }

    /** One slot's check inputs; every slot's block has the same length, since one check allocates them. */
    InputValues addCheck(long[] checkInputs) {
        if (checkLength >= 0 && checkInputs.length != checkLength) {
            throw new IllegalArgumentException("check inputs of one slot have " + checkInputs.length
                    + " values, another slot's " + checkLength);
        }
        checkLength = checkInputs.length;
        for (long v : checkInputs) {
            add(v);
        }
        return this;
    }

    long[] values() {
        return Arrays.copyOf(values, size);
    }
}
