package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.fri.FriProof;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import java.util.List;

/**
 * A proof for one circuit instance: the caps of the three prover commitments (witness, copy
 * permutation products, quotient), every committed polynomial opened at the out-of-domain point
 * {@code zeta} (and the grand product at {@code zeta * w}), the FRI proof of the DEEP
 * composition, and for each FRI query the rows of all four trees at the queried point.
 */
public record PlonkishProof(MerkleCap witnessCap, MerkleCap productsCap, MerkleCap quotientCap, Openings openings,
                            FriProof fri, List<QueryOpenings> queries) {

    public PlonkishProof {
        queries = List.copyOf(queries);
    }

    /** Values at {@code zeta} of every column of each tree, and of the grand product at {@code zeta * w}. */
    public record Openings(List<Ext2> setup, List<Ext2> witness, List<Ext2> products, List<Ext2> quotient,
                           List<Ext2> productsNext) {
        public Openings {
            setup = List.copyOf(setup);
            witness = List.copyOf(witness);
            products = List.copyOf(products);
            quotient = List.copyOf(quotient);
            productsNext = List.copyOf(productsNext);
        }

        /** All opened values in transcript order. */
        List<Ext2> all() {
            return java.util.stream.Stream.of(setup, witness, products, quotient, productsNext).flatMap(List::stream).toList();
        }
    }

    /** One row of one tree and its path. */
    public record TreeOpening(long[] row, MerklePath path) {
        public TreeOpening {
            row = row.clone();
        }

        @Override
        public long[] row() {
            return row.clone();
        }
    }

    /** The rows of the setup, witness, products and quotient trees at one query index. */
    public record QueryOpenings(TreeOpening setup, TreeOpening witness, TreeOpening products, TreeOpening quotient) {
        List<TreeOpening> all() {
            return List.of(setup, witness, products, quotient);
        }
    }
}
