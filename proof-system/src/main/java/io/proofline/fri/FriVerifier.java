package io.proofline.fri;

import io.proofline.field.Ext2;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerkleVerifier;
import io.proofline.transcript.Transcript;
import java.util.List;

/**
 * The FRI verifier. It needs only the parameters, the degree bound, a transcript in the state
 * the prover started from, and the proof; it keeps no prover state.
 */
public final class FriVerifier {

    private final FriParameters params;

    public FriVerifier(FriParameters params) {
        this.params = params;
    }

    /**
     * Checks a proof that a committed codeword is close to a polynomial of degree below
     * {@code 2^logDegree}.
     *
     * @throws FriVerificationException naming the first check that failed
     */
    public void verify(Transcript transcript, FriProof proof, int logDegree) {
        verify(transcript, proof, logDegree, (query, index, value) -> { });
    }

    /**
     * Checks a proof for a first layer that stands for another oracle, such as a DEEP composition
     * of committed polynomials: {@code initial} is given each query's index into the first layer
     * and the value the proof opened there, and throws if that value is not the oracle's.
     */
    public void verify(Transcript transcript, FriProof proof, int logDegree, InitialCheck initial) {
        FriLayout layout = new FriLayout(params, logDegree);
        require(proof.layerCaps().size() == layout.layers(),
                "proof has " + proof.layerCaps().size() + " layers, expected " + layout.layers());
        require(proof.finalPolynomial().size() == layout.finalPolynomialLength(params),
                "final polynomial has " + proof.finalPolynomial().size() + " coefficients, expected "
                        + layout.finalPolynomialLength(params));
        require(proof.queries().size() == params.numQueries(),
                "proof has " + proof.queries().size() + " queries, expected " + params.numQueries());
        transcript.observe(logDegree);

        Ext2[] betas = new Ext2[layout.layers()];
        for (int layer = 0; layer < layout.layers(); layer++) {
            MerkleCap cap = proof.layerCaps().get(layer);
            int logRows = layout.logLength(layer) - layout.logArity(layer);
            require(cap.logSize() == Math.min(params.logCapSize(), logRows),
                    "layer " + layer + " cap has " + cap.roots().size() + " roots");
            transcript.observe(cap);
            betas[layer] = transcript.sampleExt();
        }
        for (Ext2 c : proof.finalPolynomial()) {
            transcript.observe(c);
        }
        require(transcript.checkPow(proof.powNonce(), params.powBits()), "proof-of-work nonce does not meet "
                + params.powBits() + " bits");

        int logLength0 = logDegree + params.logBlowup();
        for (int q = 0; q < params.numQueries(); q++) {
            int index = transcript.sampleBits(logLength0);
            FriProof.Query query = proof.queries().get(q);
            require(!query.layers().isEmpty() && query.layers().get(0).values().length == 2 << layout.logArity(0),
                    "query " + q + " has a malformed first layer");
            long[] first = query.layers().get(0).values();
            int position = index & ((1 << layout.logArity(0)) - 1);
            initial.check(q, index, new Ext2(first[2 * position], first[2 * position + 1]));
            verifyQuery(q, index, query, proof, layout, betas);
        }
    }

    private void verifyQuery(int q, int index, FriProof.Query query, FriProof proof, FriLayout layout, Ext2[] betas) {
        List<FriProof.LayerOpening> openings = query.layers();
        require(openings.size() == layout.layers(), "query " + q + " opens " + openings.size() + " layers");
        Ext2 carried = null;
        for (int layer = 0; layer < layout.layers(); layer++) {
            int logArity = layout.logArity(layer);
            int arity = 1 << logArity;
            int coset = index >>> logArity;
            int position = index & (arity - 1);
            FriProof.LayerOpening opening = openings.get(layer);
            long[] values = opening.values();
            require(values.length == 2 * arity, "query " + q + " layer " + layer + " opens " + values.length + " values");
            require(MerkleVerifier.verify(proof.layerCaps().get(layer), layout.logLength(layer) - logArity, coset,
                    values, opening.path()), "query " + q + " layer " + layer + ": Merkle path does not match the cap");
            if (carried != null) {
                require(carried.equals(new Ext2(values[2 * position], values[2 * position + 1])),
                        "query " + q + " layer " + layer + ": opened value disagrees with the previous fold");
            }
            long[] c0 = new long[arity];
            long[] c1 = new long[arity];
            for (int k = 0; k < arity; k++) {
                c0[k] = values[2 * k];
                c1[k] = values[2 * k + 1];
            }
            long[] folded = CosetFolding.foldCoset(c0, c1, 0, layout.cosetInverse(layer, coset), logArity, betas[layer]);
            carried = new Ext2(folded[0], folded[1]);
            index = coset;
        }
        long x = FriLayout.point(layout.shift(layout.layers()), layout.logFinalLength(), index);
        Ext2 expected = evaluate(proof.finalPolynomial(), x);
        require(carried.equals(expected), "query " + q + ": last fold disagrees with the final polynomial");
    }

    private static Ext2 evaluate(List<Ext2> coefficients, long x) {
        Ext2 acc = Ext2.ZERO;
        for (int i = coefficients.size() - 1; i >= 0; i--) {
            acc = acc.mul(x).add(coefficients.get(i));
        }
        return acc;
    }

    /** A check of first-layer values against the oracle they stand for. */
    @FunctionalInterface
    public interface InitialCheck {
        void check(int query, int index, Ext2 value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new FriVerificationException(message);
        }
    }
}
