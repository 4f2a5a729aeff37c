package io.proofline.fri;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.merkle.MerkleTree;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The FRI prover (Ben-Sasson, Bentov, Horesh, Riabzev, "Fast Reed-Solomon Interactive Oracle
 * Proofs of Proximity", ICALP 2018), in the batched-round variant of Plonky2 and Boojum:
 *
 * <ol>
 *   <li>commit phase: commit each layer's cosets as Merkle leaves, draw {@code beta}, fold;</li>
 *   <li>send the last layer as a polynomial in the clear;</li>
 *   <li>grind proof of work;</li>
 *   <li>query phase: for each sampled index, open the coset holding it in every layer.</li>
 * </ol>
 */
public final class FriProver {

    private final FriParameters params;
    private final ProverBackend backend;
    private long powNanos;

    public FriProver(FriParameters params, ProverBackend backend) {
        this.params = params;
        this.backend = backend;
    }

    /** Nanoseconds the last {@code prove} spent grinding the proof of work, a stage of its own in benchmarks. */
    public long powNanos() {
        return powNanos;
    }

    /**
     * Proves that {@code codeword} is close to a polynomial of degree below {@code 2^logDegree}.
     *
     * @param transcript the shared transcript, in the state the verifier will start from
     * @param c0 real parts of the evaluations, bit-reversed on the coset {@code 7 * <w>} of
     *     order {@code 2^(logDegree + logBlowup)}
     * @param c1 the {@code x} parts, same layout
     */
    public FriProof prove(Transcript transcript, long[] c0, long[] c1, int logDegree) {
        return prove(transcript, c0, c1, logDegree, index -> { });
    }

    /** As {@link #prove(Transcript, long[], long[], int)}, telling {@code queries} each query's first-layer index. */
    public FriProof prove(Transcript transcript, long[] c0, long[] c1, int logDegree, java.util.function.IntConsumer queries) {
        FriLayout layout = new FriLayout(params, logDegree);
        int expected = 1 << (logDegree + params.logBlowup());
        if (c0.length != expected || c1.length != expected) {
            throw new IllegalArgumentException("codeword length " + c0.length + "/" + c1.length + " does not match degree bound 2^"
                    + logDegree + " with LDE factor " + params.ldeFactor() + " (expected " + expected + ")");
        }
        transcript.observe(logDegree);

        List<MerkleTree> trees = new ArrayList<>();
        long[] cur0 = c0;
        long[] cur1 = c1;
        for (int layer = 0; layer < layout.layers(); layer++) {
            int logArity = layout.logArity(layer);
            MerkleTree tree = MerkleTree.build(cosetRows(cur0, cur1, logArity), params.logCapSize(), backend.merkleHasher());
            trees.add(tree);
            transcript.observe(tree.cap());
            Ext2 beta = transcript.sampleExt();
            long[][] folded = backend.friFolder().fold(cur0, cur1, layout.cosetInverses(layer), logArity, beta);
            cur0 = folded[0];
            cur1 = folded[1];
        }

        List<Ext2> finalPoly = interpolateFinal(cur0, cur1, layout.shift(layout.layers()), layout.finalPolynomialLength(params));
        for (Ext2 c : finalPoly) {
            transcript.observe(c);
        }
        long grindStart = System.nanoTime();
        long nonce = transcript.grind(params.powBits());
        powNanos = System.nanoTime() - grindStart;

        List<FriProof.Query> queryProofs = new ArrayList<>(params.numQueries());
        int logLength0 = logDegree + params.logBlowup();
        for (int q = 0; q < params.numQueries(); q++) {
            int index = transcript.sampleBits(logLength0);
            queries.accept(index);
            List<FriProof.LayerOpening> openings = new ArrayList<>(trees.size());
            for (int layer = 0; layer < trees.size(); layer++) {
                int coset = index >>> layout.logArity(layer);
                MerkleTree tree = trees.get(layer);
                openings.add(new FriProof.LayerOpening(tree.row(coset), tree.path(coset)));
                index = coset;
            }
            queryProofs.add(new FriProof.Query(openings));
        }
        List<io.proofline.merkle.MerkleCap> caps = trees.stream().map(MerkleTree::cap).toList();
        return new FriProof(caps, finalPoly, nonce, queryProofs);
    }

    /**
     * Lays a codeword out as a matrix whose row {@code j} is coset {@code j}: columns
     * {@code 2k} and {@code 2k+1} hold {@code c0} and {@code c1} of the coset's {@code k}-th value.
     */
    static long[][] cosetRows(long[] c0, long[] c1, int logArity) {
        int arity = 1 << logArity;
        int cosets = c0.length >>> logArity;
        long[][] columns = new long[2 * arity][cosets];
        for (int j = 0; j < cosets; j++) {
            for (int k = 0; k < arity; k++) {
                columns[2 * k][j] = c0[j * arity + k];
                columns[2 * k + 1][j] = c1[j * arity + k];
            }
        }
        return columns;
    }

    /**
     * Interpolates the last codeword (bit-reversed on {@code shift * <w>}) and keeps the first
     * {@code length} coefficients. For an honest prover the rest are zero; a dishonest one is
     * caught by the verifier's evaluation of this polynomial at the queried points.
     */
    private List<Ext2> interpolateFinal(long[] c0, long[] c1, long shift, int length) {
        long[][] columns = {c0.clone(), c1.clone()};
        for (long[] column : columns) {
            TwoAdicRoots.bitReverse(column);
        }
        backend.ntt().inverseBatch(columns);
        long shiftInv = Goldilocks.inverse(shift);
        List<Ext2> coefficients = new ArrayList<>(length);
        long scale = Goldilocks.ONE;
        for (int k = 0; k < length; k++) {
            coefficients.add(new Ext2(Goldilocks.mul(columns[0][k], scale), Goldilocks.mul(columns[1][k], scale)));
            scale = Goldilocks.mul(scale, shiftInv);
        }
        return coefficients;
    }
}
