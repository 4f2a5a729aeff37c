package io.proofline.poseidon2;

/**
 * Read-only access to the Poseidon2 constants, for code that restates the permutation in
 * another form (the Poseidon2 gate of the constraint system).
 */
public final class Poseidon2Parameters {

    public static final int FULL_ROUNDS = Poseidon2Constants.FULL_ROUNDS;
    public static final int PARTIAL_ROUNDS = Poseidon2Constants.PARTIAL_ROUNDS;

    private Poseidon2Parameters() {
    }

    /** The round constant of lane {@code lane} in round {@code round} (0 to 29). */
    public static long roundConstant(int round, int lane) {
        return Poseidon2Constants.ROUND_CONSTANTS[round][lane];
    }

    /** The internal matrix is {@code J + diag(d)}; this returns {@code d[lane]}. */
    public static long internalDiagMinusOne(int lane) {
        return Poseidon2Constants.INTERNAL_DIAG_MINUS_1[lane];
    }
}
