package io.proofline.recursion;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.fri.FriLayout;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriProof;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;
import io.proofline.poseidon2.Digest;
import java.util.List;

/**
 * A {@link FriProof} as circuit inputs, for fixed parameters and degree bound: every word of the
 * proof is one input, allocated as one contiguous block in the proof's order (caps, final
 * polynomial, nonce, then per query and layer the opened values and the siblings).
 * {@link #values} turns a proof of that shape into the block's input values.
 */
public final class FriProofVars {

    private final FriParameters params;
    private final int logDegree;
    private final FriLayout layout;
    /** {@code [layer][root][element]}. */
    final Variable[][][] caps;
    final ExtVar[] finalPolynomial;
    final Variable nonce;
    /** {@code [query][layer][value]}: the opened coset, {@code c0, c1} interleaved. */
    final Variable[][][] values;
    /** {@code [query][layer][level][element]}. */
    final Variable[][][][] siblings;
    private final int inputs;

    private FriProofVars(CircuitBuilder b, FriParameters params, int logDegree) {
        this.params = params;
        this.logDegree = logDegree;
        this.layout = new FriLayout(params, logDegree);
        int layers = layout.layers();
        caps = new Variable[layers][][];
        for (int l = 0; l < layers; l++) {
            caps[l] = new Variable[1 << capLog(l)][];
            for (int r = 0; r < caps[l].length; r++) {
                caps[l][r] = b.inputs(Digest.ELEMENTS);
            }
        }
        finalPolynomial = new ExtVar[layout.finalPolynomialLength(params)];
        for (int i = 0; i < finalPolynomial.length; i++) {
            finalPolynomial[i] = new ExtVar(b.input(), b.input());
        }
        nonce = b.input();
        values = new Variable[params.numQueries()][layers][];
        siblings = new Variable[params.numQueries()][layers][][];
        for (int q = 0; q < params.numQueries(); q++) {
            for (int l = 0; l < layers; l++) {
                values[q][l] = b.inputs(2 << layout.logArity(l));
                siblings[q][l] = new Variable[pathLength(l)][];
                for (int k = 0; k < siblings[q][l].length; k++) {
                    siblings[q][l][k] = b.inputs(Digest.ELEMENTS);
                }
            }
        }
        int count = 0;
        for (int l = 0; l < layers; l++) {
            count += Digest.ELEMENTS * (caps[l].length + params.numQueries() * pathLength(l))
                    + params.numQueries() * (2 << layout.logArity(l));
        }
        inputs = count + 2 * finalPolynomial.length + 1;
    }

    /** Allocates the inputs of a proof for {@code params} and degree bound {@code 2^logDegree}. */
    public static FriProofVars allocate(CircuitBuilder b, FriParameters params, int logDegree) {
        return new FriProofVars(b, params, logDegree);
    }

    public FriParameters parameters() {
        return params;
    }

    public int logDegree() {
        return logDegree;
    }

    FriLayout layout() {
        return layout;
    }

    /**
     * The input values for {@code proof}, in allocation order.
     *
     * @throws IllegalArgumentException if the proof's shape differs from these parameters' or it
     *     holds a word that is not a canonical field element
     */
    public long[] values(FriProof proof) {
        long[] out = new long[inputs];
        int[] at = {0};
        require(proof.layerCaps().size() == caps.length,
                "FRI proof has " + proof.layerCaps().size() + " layers, the circuit expects " + caps.length);
        for (int l = 0; l < caps.length; l++) {
            MerkleCap cap = proof.layerCaps().get(l);
            require(cap.roots().size() == caps[l].length, "FRI proof layer " + l + " cap has " + cap.roots().size()
                    + " roots, the circuit expects " + caps[l].length);
            put(out, at, cap.elements(), "layer " + l + " cap");
        }
        require(proof.finalPolynomial().size() == finalPolynomial.length, "FRI proof final polynomial has "
                + proof.finalPolynomial().size() + " coefficients, the circuit expects " + finalPolynomial.length);
        for (Ext2 c : proof.finalPolynomial()) {
            put(out, at, new long[] {c.c0(), c.c1()}, "final polynomial");
        }
        put(out, at, new long[] {proof.powNonce()}, "nonce");
        require(proof.queries().size() == values.length,
                "FRI proof has " + proof.queries().size() + " queries, the circuit expects " + values.length);
        for (int q = 0; q < values.length; q++) {
            List<FriProof.LayerOpening> openings = proof.queries().get(q).layers();
            require(openings.size() == caps.length,
                    "FRI proof query " + q + " opens " + openings.size() + " layers, the circuit expects " + caps.length);
            for (int l = 0; l < caps.length; l++) {
                FriProof.LayerOpening opening = openings.get(l);
                String where = "query " + q + " layer " + l;
                require(opening.values().length == values[q][l].length, "FRI proof " + where + " opens "
                        + opening.values().length + " values, the circuit expects " + values[q][l].length);
                put(out, at, opening.values(), where + " values");
                List<Digest> path = opening.path().siblings();
                require(path.size() == siblings[q][l].length, "FRI proof " + where + " has a path of " + path.size()
                        + " siblings, the circuit expects " + siblings[q][l].length);
                for (Digest d : path) {
                    put(out, at, d.toArray(), where + " path");
                }
            }
        }
        return out;
    }

    private int capLog(int layer) {
        return Math.min(params.logCapSize(), logRows(layer));
    }

    /** log2 of the leaf count of layer {@code layer}'s tree: one leaf per coset. */
    int logRows(int layer) {
        return layout.logLength(layer) - layout.logArity(layer);
    }

    private int pathLength(int layer) {
        return logRows(layer) - capLog(layer);
    }

    private static void put(long[] out, int[] at, long[] words, String what) {
        for (long w : words) {
            require(Goldilocks.isCanonical(w), "FRI proof " + what + " holds a non-canonical word 0x" + Long.toHexString(w));
            out[at[0]++] = w;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
