package io.proofline.fri;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.merkle.MerkleTree;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@link FriProver}'s steps with the two freedoms a cheating prover has: it may commit any
 * codeword as a layer instead of the previous layer's fold, and it may send a final polynomial
 * of any length. Left alone it is {@link FriProver} word for word ({@code FriForgeryTests}
 * checks that), so each forgery differs from an honest proof in exactly the place it cheats and
 * is otherwise consistent: Merkle paths, transcript and proof of work are all genuine.
 */
final class ForgingFriProver {

    private final FriParameters params;
    private final IntFunction<long[][]> layerSwaps;
    private final int finalLength;

    /**
     * @param layerSwaps for a layer index, the codeword {@code {c0, c1}} to commit there instead
     *     of the honest fold, or {@code null} to keep it
     * @param finalLength coefficients of the final polynomial to send; 0 sends the honest count
     */
    ForgingFriProver(FriParameters params, IntFunction<long[][]> layerSwaps, int finalLength) {
        this.params = params;
        this.layerSwaps = layerSwaps;
        this.finalLength = finalLength;
    }

    /** The honest prover, rebuilt from the same steps. */
    static ForgingFriProver honest(FriParameters params) {
        return new ForgingFriProver(params, layer -> null, 0);
    }

    FriProof prove(Transcript transcript, long[] c0, long[] c1, int logDegree) {
        ProverBackend backend = ProverBackend.java();
        FriLayout layout = new FriLayout(params, logDegree);
        transcript.observe(logDegree);

        List<MerkleTree> trees = new ArrayList<>();
        long[] cur0 = c0;
        long[] cur1 = c1;
        for (int layer = 0; layer < layout.layers(); layer++) {
            long[][] swap = layerSwaps.apply(layer);
            if (swap != null) {
                cur0 = swap[0];
                cur1 = swap[1];
            }
            int logArity = layout.logArity(layer);
            MerkleTree tree = MerkleTree.build(FriProver.cosetRows(cur0, cur1, logArity), params.logCapSize(),
                    backend.merkleHasher());
            trees.add(tree);
            transcript.observe(tree.cap());
            Ext2 beta = transcript.sampleExt();
            long[][] folded = backend.friFolder().fold(cur0, cur1, layout.cosetInverses(layer), logArity, beta);
            cur0 = folded[0];
            cur1 = folded[1];
        }

        int length = finalLength > 0 ? finalLength : layout.finalPolynomialLength(params);
        List<Ext2> finalPoly = coefficients(backend, cur0, cur1, layout.shift(layout.layers()), length);
        for (Ext2 c : finalPoly) {
            transcript.observe(c);
        }
        long nonce = transcript.grind(params.powBits());

        List<FriProof.Query> queries = new ArrayList<>(params.numQueries());
        for (int q = 0; q < params.numQueries(); q++) {
            int index = transcript.sampleBits(logDegree + params.logBlowup());
            List<FriProof.LayerOpening> openings = new ArrayList<>();
            for (int layer = 0; layer < trees.size(); layer++) {
                int coset = index >>> layout.logArity(layer);
                openings.add(new FriProof.LayerOpening(trees.get(layer).row(coset), trees.get(layer).path(coset)));
                index = coset;
            }
            queries.add(new FriProof.Query(openings));
        }
        return new FriProof(trees.stream().map(MerkleTree::cap).toList(), finalPoly, nonce, queries);
    }

    /** The first {@code length} coefficients of the codeword's polynomial (bit-reversed on {@code shift * <w>}). */
    private static List<Ext2> coefficients(ProverBackend backend, long[] c0, long[] c1, long shift, int length) {
        long[][] columns = {c0.clone(), c1.clone()};
        for (long[] column : columns) {
            TwoAdicRoots.bitReverse(column);
        }
        backend.ntt().inverseBatch(columns);
        long shiftInverse = Goldilocks.inverse(shift);
        List<Ext2> out = new ArrayList<>(length);
        long scale = Goldilocks.ONE;
        for (int k = 0; k < length; k++) {
            out.add(new Ext2(Goldilocks.mul(columns[0][k], scale), Goldilocks.mul(columns[1][k], scale)));
            scale = Goldilocks.mul(scale, shiftInverse);
        }
        return out;
    }
}
