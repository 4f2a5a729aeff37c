package io.proofline.fri;

import io.proofline.field.Ext2;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import java.util.List;

/**
 * A FRI proof: one Merkle cap per committed layer, the final polynomial's coefficients, the
 * proof-of-work nonce, and for every query the opened coset of each layer with its path.
 */
public record FriProof(List<MerkleCap> layerCaps, List<Ext2> finalPolynomial, long powNonce, List<Query> queries) {

    public FriProof {
        layerCaps = List.copyOf(layerCaps);
        finalPolynomial = List.copyOf(finalPolynomial);
        queries = List.copyOf(queries);
    }

    /** One query: the openings of each layer along one folding path. */
    public record Query(List<LayerOpening> layers) {
        public Query {
            layers = List.copyOf(layers);
        }
    }

    /**
     * A coset of one layer: its values in the layer's (bit-reversed) order, as {@code c0, c1} pairs
     * interleaved, and their Merkle path.
     */
    public record LayerOpening(long[] values, MerklePath path) {
        public LayerOpening {
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }
    }
}
