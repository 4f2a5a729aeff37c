package io.proofline.plonkish.gates;

/** The cells of one gate instance, numbered from 0 within the instance. */
public interface GateCells<T> {

    /** A copy-constrained cell. */
    T copy(int i);

    /** A witness-only cell. */
    T witness(int i);

    /** A constant shared by all instances in the row. */
    T rowConstant(int i);

    /** A constant of this instance alone. */
    T instanceConstant(int i);

    /** The public-input polynomial at this point (see {@link PublicInputGate}). */
    T publicInput();
}
