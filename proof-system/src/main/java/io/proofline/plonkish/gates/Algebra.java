package io.proofline.plonkish.gates;

/**
 * The operations a gate needs to state its constraints. Implementations evaluate them over
 * different carriers: a block of base-field points (prover), an extension element (verifier),
 * a single base element (satisfiability check).
 */
public interface Algebra<T> {

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    /** A base-field constant, the same at every point. */
    T constant(long c);

    /** {@code a * c} for a base-field constant {@code c}. */
    T scale(T a, long c);

    default T addConstant(T a, long c) {
        return add(a, constant(c));
    }

    default T square(T a) {
        return mul(a, a);
    }

    /** {@code a^7}, the Poseidon2 S-box, with four multiplications. */
    default T pow7(T a) {
        T a2 = square(a);
        T a3 = mul(a2, a);
        T a4 = square(a2);
        return mul(a3, a4);
    }
}
