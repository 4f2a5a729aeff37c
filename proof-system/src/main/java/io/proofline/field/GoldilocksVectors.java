package io.proofline.field;

import static io.proofline.field.Goldilocks.EPSILON;
import static io.proofline.field.Goldilocks.P;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-parallel Goldilocks arithmetic on the Vector API, for the NTT and hashing kernels of other
 * packages. Only load it when
 * {@link VectorSupport#AVAILABLE}; results equal the scalar {@link Goldilocks} ones bit for bit.
 *
 * <p>SIMD units have no 64x64-to-128-bit multiply, so products are built from four 32x32-bit
 * partial products (the JIT emits {@code vpmuludq} for multiplications of masked 32-bit
 * halves) and then reduced exactly like {@link Goldilocks#reduce128}.
 */
public final class GoldilocksVectors {

    public static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private GoldilocksVectors() {
    }

    /** Multiplies the longest prefix that fills whole vectors and returns its length. */
    public static int mul(long[] a, long[] b, long[] out, int n) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            LongVector x = LongVector.fromArray(SPECIES, a, i);
            LongVector y = LongVector.fromArray(SPECIES, b, i);
            mul(x, y).intoArray(out, i);
        }
        return bound;
    }

    public static LongVector mul(LongVector a, LongVector b) {
        LongVector a0 = a.and(LOW32);
        LongVector a1 = a.lanewise(VectorOperators.LSHR, 32);
        LongVector b0 = b.and(LOW32);
        LongVector b1 = b.lanewise(VectorOperators.LSHR, 32);

        LongVector ll = a0.mul(b0);
        LongVector lh = a0.mul(b1);
        LongVector hl = a1.mul(b0);
        LongVector hh = a1.mul(b1);

        // mid = lh + hl may carry into bit 128 - 32 = 96
        LongVector mid = lh.add(hl);
        VectorMask<Long> midCarry = mid.compare(VectorOperators.ULT, lh);
        LongVector lo = ll.add(mid.lanewise(VectorOperators.LSHL, 32));
        VectorMask<Long> loCarry = lo.compare(VectorOperators.ULT, ll);
        LongVector hi = hh.add(mid.lanewise(VectorOperators.LSHR, 32))
                .add(1L, loCarry)
                .add(1L << 32, midCarry);
        return reduce128(hi, lo);
    }

    public static LongVector reduce128(LongVector hi, LongVector lo) {
        LongVector hh = hi.lanewise(VectorOperators.LSHR, 32);
        LongVector hl = hi.and(EPSILON);
        LongVector t0 = lo.sub(hh);
        VectorMask<Long> borrow = lo.compare(VectorOperators.ULT, hh);
        t0 = t0.sub(EPSILON, borrow);
        // hl < 2^32 and EPSILON < 2^32: the 32x32-bit product cannot overflow
        LongVector t1 = hl.mul(EPSILON);
        LongVector t2 = t0.add(t1);
        VectorMask<Long> carry = t2.compare(VectorOperators.ULT, t1);
        t2 = t2.add(EPSILON, carry);
        return canonical(t2);
    }

    public static LongVector canonical(LongVector x) {
        VectorMask<Long> big = x.compare(VectorOperators.UGE, P);
        return x.sub(P, big);
    }

    public static LongVector add(LongVector a, LongVector b) {
        LongVector s = a.add(b);
        VectorMask<Long> carry = s.compare(VectorOperators.ULT, a);
        return canonical(s.add(EPSILON, carry));
    }

    public static LongVector sub(LongVector a, LongVector b) {
        LongVector d = a.sub(b);
        VectorMask<Long> borrow = a.compare(VectorOperators.ULT, b);
        return d.sub(EPSILON, borrow);
    }
}
