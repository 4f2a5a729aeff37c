package io.proofline.plonkish;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import java.util.stream.IntStream;

/**
 * The quotient's pieces from its values on {@code k} cosets of the trace domain {@code H}, the
 * fewest that determine a polynomial of degree below {@code k n}.
 *
 * <p>Write the quotient as {@code Q(x) = Q_0(x) + x^n Q_1(x) + ... + x^((k-1) n) Q_(k-1)(x)}, each
 * piece of degree below {@code n}. On a coset {@code s H} every {@code x^n} is the constant
 * {@code t = s^n}, so there {@code Q} agrees with the single polynomial
 * {@code R_s(y) = sum_j t^j Q_j(s y)} of degree below {@code n}: one inverse transform of
 * {@code Q}'s values on {@code s H} gives its coefficients, and scaling coefficient {@code i} by
 * {@code s^-i} gives {@code v_i = sum_j t^j q_(j,i)}, with {@code q_(j,i)} coefficient {@code i}
 * of piece {@code j}. With {@code k} cosets whose {@code t} differ, each {@code i} is a
 * {@code k x k} Vandermonde system in the {@code t}s, solved with one inverse matrix for all
 * {@code i}. Evaluating the constraints on {@code k n} points this way, instead of on the
 * {@code 2^ceil(log2 k) n} points an interpolation over one power-of-two coset needs, saves a
 * quarter of the quotient's evaluation for constraints of degree 4.
 *
 * <p>Block {@code b} of a bit-reversed coset {@code 7 <W>} of {@code 2^q n} points (positions
 * {@code [b n, (b + 1) n)}) is the coset {@code s_b H} with {@code s_b = 7 W^rev_q(b)}, itself in
 * bit-reversed order; {@code t_b = 7^n ζ^rev_q(b)} for the {@code 2^q}-th root of unity
 * {@code ζ = W^n}, so the {@code t}s of different blocks differ.
 */
final class QuotientPieces {

    private QuotientPieces() {
    }

    /**
     * The pieces of the quotient whose values on the first {@code k} blocks of the bit-reversed
     * coset of {@code 2^logBlowup n} points are {@code values} ({@code {c0, c1}}, {@code k n}
     * each): columns {@code 2j, 2j + 1} hold piece {@code j}'s {@code c0, c1} coefficients.
     * Values that no polynomial of degree below {@code k n} takes (only an unsatisfying witness
     * gives them) still give {@code k} pieces, and the verifier's quotient check fails.
     */
    static long[][] split(ProverBackend backend, long[][] values, int logRows, int logBlowup) {
        int n = 1 << logRows;
        int k = values.length == 2 ? values[0].length / n : 0;
        if (k < 1 || k > 1 << logBlowup || values[1].length != values[0].length || k * n != values[0].length) {
            throw new IllegalArgumentException("quotient values must be two columns of k * 2^" + logRows
                    + " elements, k at most 2^" + logBlowup);
        }
        long[] shifts = new long[k];
        long[] nodes = new long[k];
        long w = TwoAdicRoots.rootOfUnity(logRows + logBlowup);
        for (int b = 0; b < k; b++) {
            shifts[b] = Goldilocks.mul(Domains.SHIFT, Goldilocks.pow(w, TwoAdicRoots.reverseBits(b, logBlowup)));
            nodes[b] = Goldilocks.pow(shifts[b], n);
        }
        // R_s on H in natural order, for each block and component: column 2b + c
        long[][] blocks = new long[2 * k][];
        IntStream.range(0, 2 * k).parallel().forEach(col -> {
            long[] block = new long[n];
            System.arraycopy(values[col % 2], (col / 2) * n, block, 0, n);
            TwoAdicRoots.bitReverse(block);
            blocks[col] = block;
        });
        backend.ntt().inverseBatch(blocks);
        long[][] unscale = new long[k][];
        IntStream.range(0, k).parallel().forEach(b -> unscale[b] = TwoAdicRoots.powers(Goldilocks.inverse(shifts[b]), n));
        IntStream.range(0, 2 * k).parallel().forEach(col -> Goldilocks.mulBatch(blocks[col], unscale[col / 2], blocks[col]));
        long[][] inverse = inverseVandermonde(nodes);
        long[][] pieces = new long[2 * k][];
        IntStream.range(0, 2 * k).parallel().forEach(col -> {
            int j = col / 2;
            long[] piece = new long[n];
            for (int b = 0; b < k; b++) {
                Goldilocks.addScaledBatch(piece, blocks[2 * b + col % 2], inverse[j][b]);
            }
            pieces[col] = piece;
        });
        return pieces;
    }

    /**
     * The inverse of {@code V[b][j] = nodes[b]^j}: column {@code b} holds the coefficients of the
     * Lagrange polynomial that is 1 at {@code nodes[b]} and 0 at the others.
     *
     * @throws IllegalArgumentException if two nodes are equal
     */
    static long[][] inverseVandermonde(long[] nodes) {
        int k = nodes.length;
        long[][] inverse = new long[k][k];
        for (int b = 0; b < k; b++) {
            // prod_(m != b) (y - nodes[m]) / (nodes[b] - nodes[m]), coefficients low to high
            long[] poly = new long[k];
            poly[0] = 1;
            int degree = 0;
            long denominator = 1;
            for (int m = 0; m < k; m++) {
                if (m == b) {
                    continue;
                }
                degree++;
                for (int d = degree; d >= 0; d--) {
                    long shifted = d > 0 ? poly[d - 1] : 0;
                    poly[d] = Goldilocks.sub(shifted, Goldilocks.mul(poly[d], nodes[m]));
                }
                denominator = Goldilocks.mul(denominator, Goldilocks.sub(nodes[b], nodes[m]));
            }
            if (denominator == 0) {
                throw new IllegalArgumentException("Vandermonde nodes must differ, node " + b + " repeats");
            }
            long scale = Goldilocks.inverse(denominator);
            for (int j = 0; j < k; j++) {
                inverse[j][b] = Goldilocks.mul(poly[j], scale);
            }
        }
        return inverse;
    }
}
