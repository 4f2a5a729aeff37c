package io.proofline.recursion;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;

/**
 * Points of bit-reversed cosets computed in circuit from an index's bits: position {@code j} of
 * a domain {@code shift * <w>} of size {@code 2^logLength} holds {@code shift * w^rev(j)}, as
 * the prover lays out its LDE and every FRI layer.
 */
public final class CircuitPoints {

    private CircuitPoints() {
    }

    /**
     * {@code shift * root^rev(j)}, {@code rev} reversing {@code logLength} bits, for the index
     * {@code j = sum bits[i] 2^i} (least significant bit first; missing high bits are zero).
     * Bit {@code i} of {@code j} is bit {@code logLength - 1 - i} of {@code rev(j)}, so the point
     * is {@code shift} times the product of {@code root^(2^(logLength - 1 - i))} over the set
     * bits: one multiply-add per bit, {@code acc + (c_i - 1) * bit * acc}. The bits must already
     * be constrained to 0 or 1 (as {@link CircuitBuilder#bits} does): this method does not.
     */
    public static Variable point(CircuitBuilder b, long shift, long root, int logLength, Variable[] bits) {
        if (bits.length > logLength) {
            throw new IllegalArgumentException(bits.length + " index bits for a domain of 2^" + logLength + " points");
        }
        Variable acc = b.constant(shift);
        for (int i = 0; i < bits.length; i++) {
            long factor = Goldilocks.pow(root, 1L << (logLength - 1 - i));
            acc = b.fma(Goldilocks.sub(factor, 1), bits[i], acc, 1, acc);
        }
        return acc;
    }

    /** The LDE point of a Plonkish proof at a query index: {@code 7 * W^rev(j)} on a domain of {@code 2^logLength}. */
    public static Variable ldePoint(CircuitBuilder b, int logLength, Variable[] bits) {
        return point(b, Goldilocks.GENERATOR, TwoAdicRoots.rootOfUnity(logLength), logLength, bits);
    }
}
