package io.proofline.plonkish.gates;

/**
 * A value below {@code 2^62} by its 31 base-4 limbs in witness-only cells: copy cell 0 holds the
 * value, witness cells 0..30 its limbs, least significant first. Each limb is one of 0, 1, 2, 3
 * ({@code l (l - 1) (l - 2) (l - 3) = 0}, degree 4) and the value is {@code sum 4^i l_i}; the sum
 * is below {@code 2^62 < p}, so it does not wrap and the value is the integer it says.
 *
 * <p>{@link BitDecompositionGate} checks the same bound with 62 booleans in copy cells, four to an
 * instance and four instances to a row: four rows that leave the 106 witness columns empty. This
 * gate puts three values in a row (93 of the witness columns).
 */
public final class Range62Gate implements Gate {

    public static final Range62Gate INSTANCE = new Range62Gate();

    public static final int BITS = 62;
    public static final int LIMBS = BITS / 2;

    private Range62Gate() {
    }

    @Override
    public String name() {
        return "range_62";
    }

    @Override
    public int copyCells() {
        return 1;
    }

    @Override
    public int witnessCells() {
        return LIMBS;
    }

    @Override
    public int degree() {
        return 4;
    }

    @Override
    public int constraints() {
        return LIMBS + 1;
    }

    @Override
    public <T> void evaluate(Algebra<T> f, GateCells<T> c, ConstraintSink<T> out) {
        for (int i = 0; i < LIMBS; i++) {
            T limb = c.witness(i);
            out.constraint(f.mul(f.mul(limb, f.sub(limb, f.constant(1))), f.mul(f.sub(limb, f.constant(2)), f.sub(limb, f.constant(3)))));
        }
        // Horner from the most significant limb: sum 4^i l_i
        T sum = c.witness(LIMBS - 1);
        for (int i = LIMBS - 2; i >= 0; i--) {
            sum = f.add(f.scale(sum, 4), c.witness(i));
        }
        out.constraint(f.sub(c.copy(0), sum));
    }

    /** The limbs of {@code value}'s low 62 bits, least significant first; they sum to the value only below {@code 2^62}. */
    public static long[] limbs(long value) {
        long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            limbs[i] = (value >>> (2 * i)) & 3;
        }
        return limbs;
    }
}
