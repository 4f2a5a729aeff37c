package io.proofline.recursion;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;

/**
 * Extension-field arithmetic over circuit variables. Every operation places gates on the
 * builder and registers the resolvers that compute its result, so a circuit built with it is
 * resolved like any other.
 */
public final class CircuitExt {

    private final CircuitBuilder b;

    public CircuitExt(CircuitBuilder builder) {
        this.b = builder;
    }

    public CircuitBuilder builder() {
        return b;
    }

    public ExtVar constant(Ext2 c) {
        return new ExtVar(b.constant(c.c0()), b.constant(c.c1()));
    }

    public ExtVar constant(long c) {
        return new ExtVar(b.constant(c), b.constant(0));
    }

    public ExtVar zero() {
        return constant(0);
    }

    public ExtVar one() {
        return constant(1);
    }

    /** A base-field variable as an extension element. */
    public ExtVar fromBase(Variable v) {
        return new ExtVar(v, b.constant(0));
    }

    /** An extension element given by two fresh circuit inputs (its value comes with the witness). */
    public ExtVar input() {
        return new ExtVar(b.input(), b.input());
    }

    /**
     * {@code k0 * x * y + k1 * z}, one extension multiply-add gate. {@code k0} and {@code k1} are
     * the gate's row constants: only instances with the same pair share a row.
     */
    public ExtVar fma(long k0, ExtVar x, ExtVar y, long k1, ExtVar z) {
        Variable[] d = b.extFma(k0, x.coordinates(), y.coordinates(), k1, z.coordinates());
        return new ExtVar(d[0], d[1]);
    }

    public ExtVar add(ExtVar x, ExtVar y) {
        return fma(1, x, one(), 1, y);
    }

    public ExtVar sub(ExtVar x, ExtVar y) {
        return fma(Goldilocks.P - 1, y, one(), 1, x);
    }

    public ExtVar mul(ExtVar x, ExtVar y) {
        return fma(1, x, y, 0, zero());
    }

    /** {@code x * y + z}. */
    public ExtVar mulAdd(ExtVar x, ExtVar y, ExtVar z) {
        return fma(1, x, y, 1, z);
    }

    public ExtVar square(ExtVar x) {
        return mul(x, x);
    }

    /**
     * {@code x * k} for a base-field constant {@code k}. Multiplies by a constant variable rather
     * than through the gate's row constants, so that scalings by different constants share rows.
     */
    public ExtVar scale(ExtVar x, long k) {
        return mul(x, constant(k));
    }

    /** {@code x + k} for a base-field constant {@code k}. */
    public ExtVar addConstant(ExtVar x, long k) {
        return add(x, constant(k));
    }

    /** {@code x * v} for a base-field variable {@code v}: two base multiplications. */
    public ExtVar mulBase(ExtVar x, Variable v) {
        return new ExtVar(b.mul(x.c0(), v), b.mul(x.c1(), v));
    }

    /** {@code x^e} for a constant exponent, by squaring and multiplying. */
    public ExtVar pow(ExtVar x, long e) {
        if (e < 0) {
            throw new IllegalArgumentException("exponent must be non-negative, got " + e);
        }
        ExtVar acc = one();
        ExtVar base = x;
        for (long rest = e; rest != 0; rest >>>= 1) {
            if ((rest & 1) == 1) {
                acc = mul(acc, base);
            }
            if (rest >>> 1 != 0) {
                base = square(base);
            }
        }
        return acc;
    }

    /**
     * {@code 1 / x}, constrained by {@code x * (1 / x) = 1}: a circuit with {@code x = 0} is
     * unsatisfiable, as the native verifier would fail to invert.
     */
    public ExtVar inverse(ExtVar x) {
        ExtVar inv = new ExtVar(b.allocate(), b.allocate());
        b.resolver(x.coordinates(), inv.coordinates(), in -> {
            Ext2 v = new Ext2(in[0], in[1]);
            // a zero has no inverse: leave zero, which the product constraint then refuses
            Ext2 r = v.isZero() ? Ext2.ZERO : v.inverse();
            return new long[] {r.c0(), r.c1()};
        });
        assertEqual(mul(x, inv), one());
        return inv;
    }

    /** {@code x / y}. */
    public ExtVar div(ExtVar x, ExtVar y) {
        return mul(x, inverse(y));
    }

    public void assertEqual(ExtVar x, ExtVar y) {
        b.assertEqual(x.c0(), y.c0());
        b.assertEqual(x.c1(), y.c1());
    }

    /** {@link #assertEqual(ExtVar, ExtVar)}, reported as {@code label} when it fails. */
    public void assertEqual(ExtVar x, ExtVar y, String label) {
        b.assertEqual(x.c0(), y.c0(), label);
        b.assertEqual(x.c1(), y.c1(), label);
    }

    /** {@code bit ? x : y}, with {@code bit} constrained to be boolean. */
    public ExtVar select(Variable bit, ExtVar x, ExtVar y) {
        return new ExtVar(b.select(bit, x.c0(), y.c0()), b.select(bit, x.c1(), y.c1()));
    }
}
