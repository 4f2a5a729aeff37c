package io.proofline.backend;

import io.proofline.field.Ext2;
import io.proofline.ntt.Ntt;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider of the prover's hot loops. {@link JavaBackend} is the reference; the native (C,
 * CUDA) back ends of {@code native-bindings} plug in behind this interface through
 * {@link ProverBackendProvider} and agree with it bit for bit. A caller passes a back end in,
 * e.g. in a prover config; {@link ProverBackends} picks one from the
 * {@code proofline.prover.backend} setting.
 */
public interface ProverBackend {

    /** A short name for logs and benchmarks, e.g. {@code java}, {@code native-cpu}, {@code cuda}. */
    String name();

    /** Batched NTT and coset low-degree extension over columns. */
    Ntt ntt();

    /** Leaf hashing and Merkle tree building. */
    MerkleHasher merkleHasher();

    /** FRI folding. */
    FriFolder friFolder();

    /**
     * The coset LDE of {@code coefficients} ({@link Ntt#cosetLde}) and the Merkle layers over its
     * rows ({@link MerkleHasher#hashRows}, then {@link MerkleHasher#buildLayers} up to a cap of
     * {@code 2^min(logCap, log2 rows)}), the way the prover commits to columns. One call, so that
     * a native back end hashes the extension where it wrote it; the extension stays off heap in
     * {@code arena}, where the prover reads it for the quotient, DEEP and the openings.
     *
     * @param arena where the extension is allocated, shared or automatic; the caller frees it by
     *     closing the arena
     * @param extended run once the extension is made and before hashing, to time the two apart
     * @throws IllegalArgumentException for no columns, columns that {@code cosetLde} refuses, or a
     *     negative {@code logCap}
     */
    default LdeCommitment commit(long[][] coefficients, int logBlowup, long shift, int logCap, Arena arena,
                                 Runnable extended) {
        LdeCommitment.checkArguments(coefficients, logCap);
        ColumnMatrix lde = cosetLde(coefficients, logBlowup, shift, arena);
        extended.run();
        int logRows = Integer.numberOfTrailingZeros(lde.rows());
        long[] leaves = merkleHasher().hashRows(lde);
        return new LdeCommitment(lde, merkleHasher().buildLayers(leaves, Math.min(logCap, logRows)));
    }

    /**
     * The coefficients of columns given by their values on the trace domain (natural order, the
     * inverse of {@link Ntt#forwardBatch}), and {@link #commit} of them: the prover's
     * interpolation and commitment in one call, so that a native back end takes the values across
     * once and makes the coefficients where it makes the extension. {@code evaluations} is not
     * modified.
     *
     * @throws IllegalArgumentException as {@link #commit}
     */
    default Interpolation commitEvaluations(long[][] evaluations, int logBlowup, long shift, int logCap, Arena arena,
                                           Runnable extended) {
        LdeCommitment.checkArguments(evaluations, logCap);
        long[][] coefficients = ntt().interpolate(evaluations);
        return new Interpolation(coefficients, commit(coefficients, logBlowup, shift, logCap, arena, extended));
    }

    /**
     * {@link Ntt#cosetLde} into a matrix of {@code arena}, for an extension the prover reads but
     * does not commit (the quotient's domain when it is larger than the FRI domain).
     *
     * @throws IllegalArgumentException as {@link Ntt#cosetLde}, and for no columns
     */
    default ColumnMatrix cosetLde(long[][] coefficients, int logBlowup, long shift, Arena arena) {
        // no columns extend to none, which copyOf refuses
        return ColumnMatrix.copyOf(arena, ntt().cosetLde(coefficients, logBlowup, shift));
    }

    /**
     * {@link Ntt#cosetEvaluations} into a matrix of {@code arena}: the values on one coset of the
     * trace domain, for a quotient domain that the committed extension does not hold.
     *
     * @throws IllegalArgumentException as {@link Ntt#cosetEvaluations}, and for no columns
     */
    default ColumnMatrix cosetEvaluations(long[][] coefficients, long shift, Arena arena) {
        return ColumnMatrix.copyOf(arena, ntt().cosetEvaluations(coefficients, shift));
    }

    /**
     * {@link #cosetEvaluations(long[][], long, Arena)} on several cosets, one matrix each, in the
     * order of {@code shifts}: a back end that copies the coefficients for a call (off heap, or to
     * a device) copies them once for all the cosets.
     *
     * @throws IllegalArgumentException as {@link #cosetEvaluations(long[][], long, Arena)}
     */
    default List<ColumnMatrix> cosetEvaluations(long[][] coefficients, long[] shifts, Arena arena) {
        List<ColumnMatrix> out = new ArrayList<>(shifts.length);
        for (long shift : shifts) {
            out.add(cosetEvaluations(coefficients, shift, arena));
        }
        return out;
    }

    /**
     * For every row {@code r}, the extension element {@code sum_k (weights0[k] + weights1[k] x) v_k[r]},
     * where {@code v_0, v_1, ...} are the first {@code columns[0]} columns of {@code matrices[0]},
     * then the first {@code columns[1]} of {@code matrices[1]}, and so on: the DEEP composition's
     * sums over every committed column. A native back end reads extensions it kept from
     * {@link #commit} where it made them, so that only the two result columns come back.
     *
     * @return {@code {c0, c1}}, one element per row
     * @throws IllegalArgumentException for no matrices, matrices of different row counts, more
     *     columns than a matrix has, or a weight count other than the columns'
     */
    default long[][] combineColumns(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1) {
        return ColumnSums.combine(matrices, columns, weights0, weights1);
    }

    /**
     * The DEEP composition's codeword over extensions of {@code 2^k} rows on the coset
     * {@code shift <w>} in bit-reversed order: for every row {@code r} with point {@code x_r},
     * {@code (s[r] - claimed) / (x_r - zeta) + (t[r] - claimedNext) / (x_r - zetaNext)}, where
     * {@code s} is {@link #combineColumns} of {@code matrices} and {@code t} that of the first
     * {@code nextColumns} columns of {@code next}. A native back end does the sums and the
     * divisions where it kept the extensions, so that only the codeword comes back.
     *
     * @return {@code {c0, c1}}, one element per row
     * @throws IllegalArgumentException as {@link #combineColumns}, and for rows of two counts or
     *     not a power of two
     * @throws ArithmeticException if a point of the domain is {@code zeta} or {@code zetaNext}
     */
    default long[][] deepCodeword(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1,
                                  ColumnMatrix next, int nextColumns, long[] nextWeights0, long[] nextWeights1,
                                  long shift, Ext2 claimed, Ext2 claimedNext, Ext2 zeta, Ext2 zetaNext) {
        DeepDivisions.checkRows(matrices, next);
        long[][] s = combineColumns(matrices, columns, weights0, weights1);
        long[][] t = combineColumns(List.of(next), new int[] {nextColumns}, nextWeights0, nextWeights1);
        return DeepDivisions.divide(s, t, shift, claimed, claimedNext, zeta, zetaNext);
    }

    /**
     * Whether this back end runs quotient programs ({@link #quotient}), so that the prover
     * compiles one only for a back end that may run it.
     */
    default boolean runsQuotientPrograms() {
        return false;
    }

    /**
     * The quotient {@code C(x) / (x^n - 1)} on its domain, {@code C} the numerator that
     * {@code program} computes at each point ({@link QuotientProgram#evaluate} defines the
     * values): the first {@code rows} points of the coset {@code shift <W>} of
     * {@code 2^(logRows + logBlowup)} points in bit-reversed order, read from the first rows of
     * {@code extensions} (setup, witness, products), {@code n = 2^logRows}. A back end that keeps
     * the extensions where it made them (a GPU's memory) runs the program there, so that they
     * never cross again and only the quotient comes back.
     *
     * @return {@code {c0, c1}}, or null where this back end does not run the program on these
     *     extensions (it does not keep them, or runs no programs): the prover then evaluates the
     *     constraints itself
     * @throws IllegalArgumentException for extensions shorter than the domain or a program that
     *     reads columns they lack
     */
    default long[][] quotient(QuotientProgram program, List<ColumnMatrix> extensions, long[] publicInput, int logRows,
                              int logBlowup, int rows, long shift) {
        return null;
    }

    /** The pure Java backend. */
    static ProverBackend java() {
        return JavaBackend.INSTANCE;
    }
}
