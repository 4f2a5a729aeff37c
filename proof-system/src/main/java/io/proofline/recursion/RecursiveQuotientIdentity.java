package io.proofline.recursion;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.GateTerms;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PermutationArgument;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The native verifier's constraint identity at the out-of-domain point, as constraints:
 * {@code C(zeta) = (zeta^n - 1) * sum_k zeta^(k n) Q_k(zeta)}, with {@code C} the gate
 * constraints (through the gates' own code on {@link ExtVarAlgebra}) and the copy-permutation
 * terms (through {@link PermutationArgument#terms}, the source the native verifier runs),
 * combined by powers of {@code alpha} in the native order.
 *
 * <p>Where the native verifier sums {@code alpha^j T_j} with explicit powers, this evaluates the
 * same sum by Horner's rule, one multiply-add per term: within each gate kind, then across kinds
 * with one jump {@code alpha^(count)} per kind. The values are the same field elements.
 */
public final class RecursiveQuotientIdentity {

    private RecursiveQuotientIdentity() {
    }

    /**
     * Adds constraints that hold exactly when the native verifier's identity check accepts
     * these openings, public inputs and challenges. Only the key's structure is read (geometry,
     * gates, public-input rows), not its setup cap.
     *
     * @throws IllegalArgumentException if the openings or public inputs do not have the key's shape
     */
    public static void check(CircuitExt ext, VerificationKey key, Variable[] publicInputs, OpeningVars o, ExtVar alpha,
                             ExtVar beta, ExtVar gamma, ExtVar zeta) {
        Geometry g = key.geometry();
        requireShape(key, publicInputs, o);
        ExtVar zetaN = zeta;
        for (int i = 0; i < g.logRows(); i++) {
            zetaN = ext.square(zetaN);
        }
        ExtVar vanishing = ext.sub(zetaN, ext.one());
        // the native verifier refuses zeta on the trace domain: here zeta^n - 1 must be invertible
        ext.inverse(vanishing);
        long nInverse = Goldilocks.inverse(g.rows());
        ExtVar piAtZeta = publicInputAt(ext, key, publicInputs, zeta, vanishing, nInverse);

        ExtVarAlgebra algebra = new ExtVarAlgebra(ext);
        List<List<ExtVar>> gateConstraints = new ArrayList<>();
        List<ExtVar> current = new ArrayList<>();
        GateTerms.visit(g, key.gates(), algebra, new GateTerms.Columns<>() {
            @Override
            public ExtVar copy(int column) {
                return o.witness().get(column);
            }

            @Override
            public ExtVar witness(int column) {
                return o.witness().get(g.copyColumns() + column);
            }

            @Override
            public ExtVar constant(int column) {
                return o.setup().get(column);
            }

            @Override
            public ExtVar publicInput() {
                return piAtZeta;
            }
        }, new GateTerms.Visitor<>() {
            @Override
            public void constraint(int alphaIndex, ExtVar value) {
                current.add(value);
            }

            @Override
            public void gateDone(int gateIndex) {
                gateConstraints.add(List.copyOf(current));
                current.clear();
            }
        });

        int c = g.copyColumns();
        int m = g.permutationProducts();
        int sigmaOffset = g.constantColumns() + key.gates().size();
        ExtVar u = ext.constant(new Ext2(0, 1));
        List<ExtVar> products = new ArrayList<>(m);
        for (int p = 0; p < m; p++) {
            products.add(combineExtension(ext, u, o.products().get(2 * p), o.products().get(2 * p + 1)));
        }
        ExtVar zNext = combineExtension(ext, u, o.productsNext().get(0), o.productsNext().get(1));
        ExtVar l0 = ext.div(ext.scale(vanishing, nInverse), ext.sub(zeta, ext.one()));
        List<ExtVar> permutation = PermutationArgument.terms(algebra, g, zeta, o.witness().subList(0, c),
                o.setup().subList(sigmaOffset, sigmaOffset + c), products, zNext, beta, gamma, l0);

        // sum_j alpha^j T_j from the back: S = sel_g * H_g + alpha^(count_g) * S
        ExtVar sum = horner(ext, permutation, alpha);
        int selectors = g.constantColumns();
        Map<Integer, ExtVar> jumps = new HashMap<>();
        for (int gi = gateConstraints.size() - 1; gi >= 0; gi--) {
            List<ExtVar> constraints = gateConstraints.get(gi);
            ExtVar selected = ext.mul(o.setup().get(selectors + gi), horner(ext, constraints, alpha));
            ExtVar jump = jumps.computeIfAbsent(constraints.size(), k -> ext.pow(alpha, k));
            sum = ext.mulAdd(jump, sum, selected);
        }

        List<ExtVar> chunks = new ArrayList<>(g.quotientChunks());
        for (int k = 0; k < g.quotientChunks(); k++) {
            chunks.add(combineExtension(ext, u, o.quotient().get(2 * k), o.quotient().get(2 * k + 1)));
        }
        ExtVar quotient = horner(ext, chunks, zetaN);
        ext.assertEqual(sum, ext.mul(vanishing, quotient), "constraints do not match the quotient at the challenge point");
    }

    /**
     * {@code PI(zeta) = sum_i v_i L_{r_i}(zeta)} with {@code L_r(zeta) = w^r (zeta^n - 1) / (n (zeta - w^r))}:
     * the sum of {@code v_i w^r / (zeta - w^r)}, then one product by {@code (zeta^n - 1) / n}.
     */
    private static ExtVar publicInputAt(CircuitExt ext, VerificationKey key, Variable[] publicInputs, ExtVar zeta,
                                        ExtVar vanishing, long nInverse) {
        int[] rows = key.publicInputRows();
        if (rows.length == 0) {
            return ext.zero();
        }
        long omega = TwoAdicRoots.rootOfUnity(key.geometry().logRows());
        ExtVar sum = ext.zero();
        for (int i = 0; i < rows.length; i++) {
            long wr = Goldilocks.pow(omega, rows[i]);
            ExtVar inverse = ext.inverse(ext.sub(zeta, ext.constant(wr)));
            Variable weighted = ext.builder().mul(publicInputs[i], ext.builder().constant(wr));
            sum = ext.mulAdd(inverse, ext.fromBase(weighted), sum);
        }
        return ext.mul(sum, ext.scale(vanishing, nInverse));
    }

    /** {@code sum_i x^i values_i} by Horner's rule; zero for no values. */
    static ExtVar horner(CircuitExt ext, List<ExtVar> values, ExtVar x) {
        if (values.isEmpty()) {
            return ext.zero();
        }
        ExtVar acc = values.get(values.size() - 1);
        for (int i = values.size() - 2; i >= 0; i--) {
            acc = ext.mulAdd(acc, x, values.get(i));
        }
        return acc;
    }

    /** {@code f0 + u f1}: a polynomial committed as two base polynomials, at an extension point. */
    private static ExtVar combineExtension(CircuitExt ext, ExtVar u, ExtVar f0, ExtVar f1) {
        return ext.mulAdd(f1, u, f0);
    }

    private static void requireShape(VerificationKey key, Variable[] publicInputs, OpeningVars o) {
        Geometry g = key.geometry();
        if (publicInputs.length != key.publicInputCount()) {
            throw new IllegalArgumentException("expected " + key.publicInputCount() + " public inputs, got " + publicInputs.length);
        }
        if (o.setup().size() != key.setupColumns() || o.witness().size() != g.copyColumns() + g.witnessColumns()
                || o.products().size() != 2 * g.permutationProducts() || o.quotient().size() != 2 * g.quotientChunks()
                || o.productsNext().size() != 2) {
            throw new IllegalArgumentException("openings do not match the key's geometry");
        }
    }
}
