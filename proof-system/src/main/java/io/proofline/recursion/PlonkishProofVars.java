package io.proofline.recursion;

import io.proofline.field.Ext2;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Plonkish part of a proof as circuit inputs, for proofs under keys of one structure: the
 * witness, products and quotient caps, every opening, and for each FRI query the rows of the
 * four trees with their Merkle siblings. Inputs are allocated in that order and
 * {@link #values} lists a proof's values in the same order.
 *
 * <p>The FRI proof ({@link PlonkishProof#fri()}) is not part of this: its inputs are allocated
 * separately (by the FRI side's own proof variables), and a circuit's input values are then the
 * concatenation of each part's values in the order the parts were allocated.
 */
public final class PlonkishProofVars {

    /** One tree's row at a query and its siblings from the leaf up to the cap, four variables each. */
    public record TreeRowVars(Variable[] row, Variable[][] siblings) {
    }

    private final VerificationKey shape;
    private final Variable[][] witnessCap;
    private final Variable[][] productsCap;
    private final Variable[][] quotientCap;
    private final OpeningVars openings;
    /** Per query, the setup, witness, products and quotient rows. */
    private final List<List<TreeRowVars>> queries;

    private PlonkishProofVars(VerificationKey shape, Variable[][] witnessCap, Variable[][] productsCap,
                              Variable[][] quotientCap, OpeningVars openings, List<List<TreeRowVars>> queries) {
        this.shape = shape;
        this.witnessCap = witnessCap;
        this.productsCap = productsCap;
        this.quotientCap = quotientCap;
        this.openings = openings;
        this.queries = queries;
    }

    /** Allocates inputs for a proof under a key of {@code shape}'s structure. */
    public static PlonkishProofVars allocate(CircuitBuilder b, VerificationKey shape) {
        Geometry g = shape.geometry();
        int capRoots = 1 << capLogSize(shape);
        Variable[][] witnessCap = digests(b, capRoots);
        Variable[][] productsCap = digests(b, capRoots);
        Variable[][] quotientCap = digests(b, capRoots);
        CircuitExt ext = new CircuitExt(b);
        OpeningVars openings = new OpeningVars(exts(ext, shape.setupColumns()),
                exts(ext, g.copyColumns() + g.witnessColumns()), exts(ext, 2 * g.permutationProducts()),
                exts(ext, 2 * g.quotientChunks()), exts(ext, 2));
        int depth = logLength(shape) - capLogSize(shape);
        List<List<TreeRowVars>> queries = new ArrayList<>();
        for (int q = 0; q < shape.fri().numQueries(); q++) {
            List<TreeRowVars> trees = new ArrayList<>(4);
            for (int width : widths(shape)) {
                trees.add(new TreeRowVars(b.inputs(width), digests(b, depth)));
            }
            queries.add(List.copyOf(trees));
        }
        return new PlonkishProofVars(shape, witnessCap, productsCap, quotientCap, openings, List.copyOf(queries));
    }

    public OpeningVars openings() {
        return openings;
    }

    /** The prover's caps, in commitment order: witness, products, quotient (the setup cap is the key's). */
    public List<Variable[][]> caps() {
        return List.of(witnessCap, productsCap, quotientCap);
    }

    /** The rows of query {@code q}: setup, witness, products, quotient. */
    public List<TreeRowVars> query(int q) {
        return queries.get(q);
    }

    public int queryCount() {
        return queries.size();
    }

    /**
     * A proof's values for these inputs, in allocation order.
     *
     * @throws IllegalArgumentException naming the first part whose shape is not the key's
     */
    public long[] values(PlonkishProof proof) {
        Geometry g = shape.geometry();
        List<Long> out = new ArrayList<>();
        int capRoots = 1 << capLogSize(shape);
        cap(out, "witness", proof.witnessCap(), capRoots);
        cap(out, "products", proof.productsCap(), capRoots);
        cap(out, "quotient", proof.quotientCap(), capRoots);
        PlonkishProof.Openings o = proof.openings();
        exts(out, "setup", o.setup(), shape.setupColumns());
        exts(out, "witness", o.witness(), g.copyColumns() + g.witnessColumns());
        exts(out, "products", o.products(), 2 * g.permutationProducts());
        exts(out, "quotient", o.quotient(), 2 * g.quotientChunks());
        exts(out, "next-row products", o.productsNext(), 2);
        require(proof.queries().size() == shape.fri().numQueries(),
                "proof has " + proof.queries().size() + " query openings, the key " + shape.fri().numQueries());
        int depth = logLength(shape) - capLogSize(shape);
        int[] widths = widths(shape);
        String[] names = {"setup", "witness", "products", "quotient"};
        for (int q = 0; q < proof.queries().size(); q++) {
            PlonkishProof.QueryOpenings query = proof.queries().get(q);
            List<PlonkishProof.TreeOpening> trees = List.of(query.setup(), query.witness(), query.products(), query.quotient());
            for (int t = 0; t < 4; t++) {
                long[] row = trees.get(t).row();
                List<Digest> siblings = trees.get(t).path().siblings();
                require(row.length == widths[t], "query " + q + " opens a " + names[t] + " row of " + row.length
                        + " columns, the key's has " + widths[t]);
                require(siblings.size() == depth, "query " + q + " has a " + names[t] + " path of " + siblings.size()
                        + " siblings, the key's trees need " + depth);
                for (long v : row) {
                    out.add(v);
                }
                for (Digest d : siblings) {
                    for (long v : d.toArray()) {
                        out.add(v);
                    }
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The row width of each tree: setup, witness, products, quotient. */
    static int[] widths(VerificationKey key) {
        Geometry g = key.geometry();
        return new int[] {key.setupColumns(), g.copyColumns() + g.witnessColumns(), 2 * g.permutationProducts(),
            2 * g.quotientChunks()};
    }

    private static int logLength(VerificationKey key) {
        return key.geometry().logRows() + key.fri().logBlowup();
    }

    /** The prover's trees stop at {@code 2^min(logCapSize, logLength)} roots. */
    private static int capLogSize(VerificationKey key) {
        return Math.min(key.fri().logCapSize(), logLength(key));
    }

    private static Variable[][] digests(CircuitBuilder b, int count) {
        Variable[][] out = new Variable[count][];
        for (int i = 0; i < count; i++) {
            out[i] = b.inputs(Digest.ELEMENTS);
        }
        return out;
    }

    private static List<ExtVar> exts(CircuitExt ext, int count) {
        List<ExtVar> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ext.input());
        }
        return out;
    }

    private static void cap(List<Long> out, String name, MerkleCap cap, int roots) {
        require(cap.roots().size() == roots, "proof's " + name + " cap has " + cap.roots().size() + " roots, the key's trees "
                + roots);
        for (long v : cap.elements()) {
            out.add(v);
        }
    }

    private static void exts(List<Long> out, String name, List<Ext2> values, int count) {
        require(values.size() == count, "proof opens " + values.size() + " " + name + " values, the key's geometry has "
                + count);
        for (Ext2 v : values) {
            out.add(v.c0());
            out.add(v.c1());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
