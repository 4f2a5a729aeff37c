package io.proofline.recursion;

import io.proofline.plonkish.Variable;
import java.util.List;

/**
 * The DEEP composition at a query point, in circuit: the value that FRI's first layer must hold
 * there, from the four rows opened at the point and the claimed openings, as the native
 * verifier's {@code DeepComposition.atPoint} computes it:
 * {@code (sum_k phi^k f_k(x) - sum_k phi^k f_k(zeta)) / (x - zeta)
 * + (sum_c phi^(K+c) p_c(x) - sum_c phi^(K+c) p_c(zeta w)) / (x - zeta w)}
 * over the {@code K} columns of the trees (setup, witness, products, quotient) and the grand
 * product's two columns {@code p_c}.
 *
 * <p>What depends on the proof alone (the claimed sums, {@code phi^K}) is computed once by
 * {@link #prepare}; each query then costs one extension multiply-add per opened column (the
 * row's sum by Horner's rule in {@code phi}) and a dozen operations more.
 */
public final class RecursiveDeep {

    private final CircuitExt ext;
    private final ExtVar phi;
    private final ExtVar zeta;
    private final ExtVar zetaNext;
    private final ExtVar claimed;
    private final ExtVar claimedNext;
    private final ExtVar phiToColumns;
    private final int columns;

    private RecursiveDeep(CircuitExt ext, ExtVar phi, ExtVar zeta, ExtVar zetaNext, ExtVar claimed, ExtVar claimedNext,
                          ExtVar phiToColumns, int columns) {
        this.ext = ext;
        this.phi = phi;
        this.zeta = zeta;
        this.zetaNext = zetaNext;
        this.claimed = claimed;
        this.claimedNext = claimedNext;
        this.phiToColumns = phiToColumns;
        this.columns = columns;
    }

    /** The per-proof part: the claimed values combined by powers of {@code phi}. */
    public static RecursiveDeep prepare(CircuitExt ext, OpeningVars openings, ExtVar zeta, ExtVar zetaNext, ExtVar phi) {
        List<ExtVar> atZeta = openings.atZeta();
        if (openings.productsNext().size() != 2) {
            throw new IllegalArgumentException("the grand product is opened at zeta * w as 2 columns, got "
                    + openings.productsNext().size());
        }
        ExtVar claimed = RecursiveQuotientIdentity.horner(ext, atZeta, phi);
        // phi^K (p_0 + phi p_1): the next-row claims, with their common power factored out
        ExtVar claimedNext = RecursiveQuotientIdentity.horner(ext, openings.productsNext(), phi);
        return new RecursiveDeep(ext, phi, zeta, zetaNext, claimed, claimedNext, ext.pow(phi, atZeta.size()), atZeta.size());
    }

    /**
     * The composition at {@code x} from the rows the four trees open there (setup, witness,
     * products, quotient), whose first two products columns are the grand product.
     *
     * @throws IllegalArgumentException if the rows do not hold as many columns as the openings
     */
    public ExtVar atPoint(List<Variable[]> rows, Variable x) {
        int width = rows.stream().mapToInt(r -> r.length).sum();
        if (width != columns || rows.size() != 4 || rows.get(2).length < 2) {
            throw new IllegalArgumentException("rows of " + width + " columns in " + rows.size()
                    + " trees for openings of " + columns + " columns in 4");
        }
        ExtVar zero = ext.zero();
        // sum_k phi^k f_k(x), last column first
        ExtVar s = null;
        for (int t = rows.size() - 1; t >= 0; t--) {
            Variable[] row = rows.get(t);
            for (int i = row.length - 1; i >= 0; i--) {
                ExtVar v = new ExtVar(row[i], zero.c1());
                s = s == null ? v : ext.mulAdd(s, phi, v);
            }
        }
        Variable[] products = rows.get(2);
        ExtVar t = ext.mulAdd(new ExtVar(products[1], zero.c1()), phi, new ExtVar(products[0], zero.c1()));
        ExtVar point = ext.fromBase(x);
        ExtVar fromZeta = ext.div(ext.sub(s, claimed), ext.sub(point, zeta));
        ExtVar fromNext = ext.div(ext.mul(phiToColumns, ext.sub(t, claimedNext)), ext.sub(point, zetaNext));
        return ext.add(fromZeta, fromNext);
    }
}
