package io.proofline.field;

/**
 * An element {@code c0 + c1 * x} of the quadratic extension {@code F_p[x] / (x^2 - 7)}.
 *
 * <p>7 is a quadratic non-residue modulo p, so the quotient is a field of order p^2, large
 * enough (about 128 bits) for Fiat-Shamir challenges.
 */
public record Ext2(long c0, long c1) {

    /** {@code x^2 = W} in the extension. */
    public static final long W = 7;

    public static final Ext2 ZERO = new Ext2(0, 0);
    public static final Ext2 ONE = new Ext2(1, 0);

    public Ext2 {
        if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
            throw new IllegalArgumentException("non-canonical extension coefficients");
        }
    }

    public static Ext2 of(long base) {
        return new Ext2(base, 0);
    }

    public boolean isZero() {
        return c0 == 0 && c1 == 0;
    }

    public Ext2 add(Ext2 o) {
        return new Ext2(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
    }

    public Ext2 sub(Ext2 o) {
        return new Ext2(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
    }

    public Ext2 neg() {
        return new Ext2(Goldilocks.neg(c0), Goldilocks.neg(c1));
    }

    public Ext2 mul(Ext2 o) {
        // (a0 + a1 x)(b0 + b1 x) = a0 b0 + 7 a1 b1 + (a0 b1 + a1 b0) x
        long a0b0 = Goldilocks.mul(c0, o.c0);
        long a1b1 = Goldilocks.mul(c1, o.c1);
        long cross = Goldilocks.sub(
                Goldilocks.mul(Goldilocks.add(c0, c1), Goldilocks.add(o.c0, o.c1)),
                Goldilocks.add(a0b0, a1b1));
        return new Ext2(Goldilocks.add(a0b0, Goldilocks.mul(W, a1b1)), cross);
    }

    /** Multiplication by a base-field element. */
    public Ext2 mul(long base) {
        return new Ext2(Goldilocks.mul(c0, base), Goldilocks.mul(c1, base));
    }

    public Ext2 add(long base) {
        return new Ext2(Goldilocks.add(c0, base), c1);
    }

    public Ext2 square() {
        return mul(this);
    }

    public Ext2 pow(long e) {
        Ext2 result = ONE;
        Ext2 base = this;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = result.mul(base);
            }
            base = base.square();
            e >>>= 1;
        }
        return result;
    }

    /**
     * The inverse, through the norm: {@code 1/(a0 + a1 x) = (a0 - a1 x) / (a0^2 - 7 a1^2)}.
     *
     * @throws ArithmeticException for zero
     */
    public Ext2 inverse() {
        if (isZero()) {
            throw new ArithmeticException("zero has no inverse in the extension field");
        }
        long norm = Goldilocks.sub(Goldilocks.square(c0), Goldilocks.mul(W, Goldilocks.square(c1)));
        long inv = Goldilocks.inverse(norm);
        return new Ext2(Goldilocks.mul(c0, inv), Goldilocks.neg(Goldilocks.mul(c1, inv)));
    }

    /** {@code 1, base, base^2, ..., base^(count - 1)}. */
    public static Ext2[] powers(Ext2 base, int count) {
        Ext2[] out = new Ext2[count];
        Ext2 acc = ONE;
        for (int i = 0; i < count; i++) {
            out[i] = acc;
            acc = acc.mul(base);
        }
        return out;
    }

    /** Inverts every element with one extension inversion (Montgomery's trick). */
    public static Ext2[] batchInverse(Ext2[] values) {
        int n = values.length;
        Ext2[] out = new Ext2[n];
        if (n == 0) {
            return out;
        }
        Ext2 acc = ONE;
        for (int i = 0; i < n; i++) {
            out[i] = acc;
            acc = acc.mul(values[i]);
        }
        Ext2 inv = acc.inverse();
        for (int i = n - 1; i >= 0; i--) {
            Ext2 v = values[i];
            out[i] = out[i].mul(inv);
            inv = inv.mul(v);
        }
        return out;
    }

    @Override
    public String toString() {
        return "(" + Long.toUnsignedString(c0) + " + " + Long.toUnsignedString(c1) + "*x)";
    }
}
