package io.proofline.recursion;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriLayout;
import io.proofline.fri.FriParameters;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Variable;

/**
 * {@link io.proofline.fri.FriVerifier#verify} as constraints: the same transcript steps, Merkle
 * checks, folds and final evaluation, for a proof given as {@link FriProofVars}. Each check is a
 * named equality whose name is the native verifier's message for it, prefixed with
 * {@code "FRI "}, so that a refused witness and a refused proof give the same reason.
 *
 * <p>Points come from the query index bits: position {@code p} of a layer of length {@code 2^L}
 * on {@code shift * <w>} is {@code shift * w^rev(p)}, so bit {@code j} of {@code p} contributes
 * {@code w^(2^(L-1-j))}; the circuit multiplies selected constants, never inverts.
 */
public final class RecursiveFriVerifier {

    private final FriParameters params;

    public RecursiveFriVerifier(FriParameters params) {
        this.params = params;
    }

    /**
     * Adds the constraints of verifying {@code proof} against {@code transcript}, which must be
     * in the state the prover started from; leaves the transcript where the native one ends.
     *
     * @param initial given each query's first-layer index bits and the value opened there
     * @throws IllegalArgumentException if {@code proof} was allocated for other parameters
     */
    public void verify(RecursiveTranscript transcript, FriProofVars proof, InitialCheck initial) {
        if (!proof.parameters().equals(params)) {
            throw new IllegalArgumentException("proof inputs were allocated for " + proof.parameters() + ", not " + params);
        }
        CircuitBuilder b = transcript.builder();
        CircuitExt ext = new CircuitExt(b);
        FriLayout layout = proof.layout();
        transcript.observe(b.constant(proof.logDegree()));
        ExtVar[] betas = new ExtVar[layout.layers()];
        for (int layer = 0; layer < layout.layers(); layer++) {
            transcript.observeCap(proof.caps[layer]);
            betas[layer] = transcript.sampleExt();
        }
        for (ExtVar c : proof.finalPolynomial) {
            transcript.observe(c);
        }
        transcript.checkPow(proof.nonce, params.powBits(),
                "FRI proof-of-work nonce does not meet " + params.powBits() + " bits");
        int logLength0 = proof.logDegree() + params.logBlowup();
        for (int q = 0; q < params.numQueries(); q++) {
            Variable[] index = transcript.sampleBits(logLength0);
            Variable[] position = slice(index, 0, layout.logArity(0));
            initial.check(q, index, select(ext, opened(proof.values[q][0]), position));
            verifyQuery(b, ext, q, index, proof, layout, betas);
        }
    }

    private void verifyQuery(CircuitBuilder b, CircuitExt ext, int q, Variable[] index, FriProofVars proof,
                             FriLayout layout, ExtVar[] betas) {
        ExtVar carried = null;
        int low = 0;
        for (int layer = 0; layer < layout.layers(); layer++) {
            int logArity = layout.logArity(layer);
            Variable[] position = slice(index, low, logArity);
            Variable[] coset = slice(index, low + logArity, index.length - low - logArity);
            Variable[] values = proof.values[q][layer];
            String where = "FRI query " + q + " layer " + layer;
            RecursiveMerkle.verify(b, proof.caps[layer], coset, values, proof.siblings[q][layer],
                    where + ": Merkle path does not match the cap");
            ExtVar[] ys = opened(values);
            if (carried != null) {
                ExtVar atPosition = select(ext, ys, position);
                b.assertEqual(carried.c0(), atPosition.c0(), where + ": opened value disagrees with the previous fold");
                b.assertEqual(carried.c1(), atPosition.c1(), where + ": opened value disagrees with the previous fold");
            }
            Variable xInverse = cosetInverse(b, layout, layer, coset);
            carried = fold(b, ext, ys, xInverse, logArity, betas[layer]);
            low += logArity;
        }
        Variable[] finalIndex = slice(index, low, index.length - low);
        Variable x = point(b, layout.shift(layout.layers()), layout.logFinalLength(), finalIndex);
        ExtVar expected = evaluate(b, proof.finalPolynomial, x);
        String label = "FRI query " + q + ": last fold disagrees with the final polynomial";
        b.assertEqual(carried.c0(), expected.c0(), label);
        b.assertEqual(carried.c1(), expected.c1(), label);
    }

    /**
     * {@code CosetFolding.foldCoset}: the inverse DFT of the coset, then Horner at {@code beta / x}.
     * The inverse DFT is computed by radix-2 butterflies rather than the native matrix product,
     * the same linear map in exact arithmetic, so the same values, in {@code 2 A log2(A)} instead
     * of {@code 2 A^2} multiply-adds; the factor {@code 1/A} is applied once at the end.
     */
    static ExtVar fold(CircuitBuilder b, CircuitExt ext, ExtVar[] ys, Variable xInverse, int logArity, ExtVar beta) {
        int arity = 1 << logArity;
        // the coset is stored bit-reversed, the input order of an in-place decimation-in-time transform
        Variable[][] a = new Variable[2][arity];
        for (int k = 0; k < arity; k++) {
            a[0][k] = ys[k].c0();
            a[1][k] = ys[k].c1();
        }
        for (int s = 1; s <= logArity; s++) {
            int half = 1 << (s - 1);
            long step = Goldilocks.inverse(TwoAdicRoots.rootOfUnity(s));
            for (int block = 0; block < arity; block += 2 * half) {
                long w = Goldilocks.ONE;
                for (int j = 0; j < half; j++) {
                    Variable twiddle = b.constant(w);
                    for (Variable[] c : a) {
                        Variable even = c[block + j];
                        Variable odd = c[block + j + half];
                        c[block + j] = b.fma(1, twiddle, odd, 1, even);
                        c[block + j + half] = b.fma(Goldilocks.P - 1, twiddle, odd, 1, even);
                    }
                    w = Goldilocks.mul(w, step);
                }
            }
        }
        ExtVar t = ext.mulBase(beta, xInverse);
        ExtVar acc = new ExtVar(a[0][arity - 1], a[1][arity - 1]);
        for (int i = arity - 2; i >= 0; i--) {
            acc = ext.mulAdd(acc, t, new ExtVar(a[0][i], a[1][i]));
        }
        Variable arityInverse = b.constant(Goldilocks.inverse(arity));
        return new ExtVar(b.mul(acc.c0(), arityInverse), b.mul(acc.c1(), arityInverse));
    }

    /** {@code 1 / x} for the coset whose index bits are {@code coset}, as {@code FriLayout.cosetInverse}. */
    private static Variable cosetInverse(CircuitBuilder b, FriLayout layout, int layer, Variable[] coset) {
        // x = shift * w^rev_L(coset << logArity): coset bit j is bit L - 1 - logArity - j of the exponent
        int logLength = layout.logLength(layer);
        long wInv = Goldilocks.inverse(TwoAdicRoots.rootOfUnity(logLength));
        return bitProduct(b, Goldilocks.inverse(layout.shift(layer)), wInv, logLength - 1 - layout.logArity(layer), coset);
    }

    /** {@code FriLayout.point(shift, logLength, index)} for index bits {@code bits}, least significant first. */
    private static Variable point(CircuitBuilder b, long shift, int logLength, Variable[] bits) {
        return bitProduct(b, shift, TwoAdicRoots.rootOfUnity(logLength), logLength - 1, bits);
    }

    /** {@code start * prod_j (bits[j] ? root^(2^(top - j)) : 1)}. */
    private static Variable bitProduct(CircuitBuilder b, long start, long root, int top, Variable[] bits) {
        Variable acc = b.constant(start);
        for (int j = 0; j < bits.length; j++) {
            long factor = Goldilocks.pow(root, 1L << (top - j));
            acc = b.mul(acc, b.select(bits[j], b.constant(factor), b.constant(1)));
        }
        return acc;
    }

    /** The polynomial with these coefficients at a base-field point, by Horner's rule. */
    private static ExtVar evaluate(CircuitBuilder b, ExtVar[] coefficients, Variable x) {
        ExtVar acc = coefficients[coefficients.length - 1];
        for (int i = coefficients.length - 2; i >= 0; i--) {
            acc = new ExtVar(b.fma(1, acc.c0(), x, 1, coefficients[i].c0()), b.fma(1, acc.c1(), x, 1, coefficients[i].c1()));
        }
        return acc;
    }

    /** The value at the position spelled by {@code bits}, least significant first: a tree of selects. */
    static ExtVar select(CircuitExt ext, ExtVar[] values, Variable[] bits) {
        ExtVar[] level = values;
        for (Variable bit : bits) {
            ExtVar[] next = new ExtVar[level.length / 2];
            for (int i = 0; i < next.length; i++) {
                next[i] = ext.select(bit, level[2 * i + 1], level[2 * i]);
            }
            level = next;
        }
        return level[0];
    }

    private static ExtVar[] opened(Variable[] values) {
        ExtVar[] out = new ExtVar[values.length / 2];
        for (int k = 0; k < out.length; k++) {
            out[k] = new ExtVar(values[2 * k], values[2 * k + 1]);
        }
        return out;
    }

    private static Variable[] slice(Variable[] bits, int from, int length) {
        Variable[] out = new Variable[length];
        System.arraycopy(bits, from, out, 0, length);
        return out;
    }

    /** A check of first-layer values against the oracle they stand for, e.g. the DEEP composition. */
    @FunctionalInterface
    public interface InitialCheck {
        /**
         * @param indexBits the query's first-layer index, least significant bit first
         * @param value the first layer's opened value at that index
         */
        void check(int query, Variable[] indexBits, ExtVar value);
    }
}
