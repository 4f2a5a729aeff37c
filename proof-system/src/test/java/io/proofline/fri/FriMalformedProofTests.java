package io.proofline.fri;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.backend.ProverBackend;
import io.proofline.merkle.MerkleCap;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proofs of the wrong shape: each is refused by the shape check that names it, not by a later hash mismatch or a crash. */
class FriMalformedProofTests {

    private static final String DOMAIN = "proofline-fri-shape";
    /** Two folding rounds by 8 (2^8 to 2^5 to 2^2), 6 queries, caps of 4 roots. */
    private static final FriParameters PARAMS = new FriParameters(1, 6, 2, 3, 2, 2);
    private static final int LOG_DEGREE = 8;

    static FriProof proof;

    @BeforeAll
    static void prove() {
        long[][] word = FriTests.codeword(1 << LOG_DEGREE, LOG_DEGREE + PARAMS.logBlowup(), 11);
        proof = new FriProver(PARAMS, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], LOG_DEGREE);
    }

    private static String rejection(FriParameters params, FriProof forged) {
        return assertThrows(FriVerificationException.class,
                () -> new FriVerifier(params).verify(new Transcript(DOMAIN), forged, LOG_DEGREE)).getMessage();
    }

    /** The proof with query 0's layer openings changed. */
    private static FriProof withFirstQuery(UnaryOperator<List<FriProof.LayerOpening>> change) {
        List<FriProof.Query> queries = new ArrayList<>(proof.queries());
        queries.set(0, new FriProof.Query(change.apply(new ArrayList<>(queries.get(0).layers()))));
        return new FriProof(proof.layerCaps(), proof.finalPolynomial(), proof.powNonce(), queries);
    }

    private static FriProof.LayerOpening shortened(FriProof.LayerOpening opening) {
        long[] values = opening.values();
        return new FriProof.LayerOpening(Arrays.copyOf(values, values.length - 2), opening.path());
    }

    @Test
    void capsOfAnotherSizeAreRefusedByTheirSize() {
        // given an honest proof with caps of 4 roots, checked under parameters asking for 2
        FriParameters smallerCaps = new FriParameters(1, 6, 2, 3, 2, 1);
        assertDoesNotThrow(() -> new FriVerifier(PARAMS).verify(new Transcript(DOMAIN), proof, LOG_DEGREE));
        assertEquals("layer 0 cap has 4 roots", rejection(smallerCaps, proof));
    }

    @Test
    void aLayerCapOrAQueryMoreOrLessIsRefusedByItsCount() {
        List<MerkleCap> caps = proof.layerCaps();
        List<MerkleCap> extraCap = new ArrayList<>(caps);
        extraCap.add(caps.getLast());
        // an extra cap would go unabsorbed and unchecked: the same proof with another encoding
        assertEquals("proof has 3 layers, expected 2",
                rejection(PARAMS, new FriProof(extraCap, proof.finalPolynomial(), proof.powNonce(), proof.queries())));
        assertEquals("proof has 1 layers, expected 2",
                rejection(PARAMS, new FriProof(caps.subList(0, 1), proof.finalPolynomial(), proof.powNonce(), proof.queries())));
        List<FriProof.Query> extraQuery = new ArrayList<>(proof.queries());
        extraQuery.add(proof.queries().getFirst());
        assertEquals("proof has 7 queries, expected 6",
                rejection(PARAMS, new FriProof(caps, proof.finalPolynomial(), proof.powNonce(), extraQuery)));
        assertEquals("proof has 5 queries, expected 6", rejection(PARAMS,
                new FriProof(caps, proof.finalPolynomial(), proof.powNonce(), proof.queries().subList(0, 5))));
    }

    @Test
    void capsAreClippedToLayersSmallerThanThem() {
        // given caps of 16 roots and a degree bound of 2^3, whose one layer has only 2 cosets of 8
        FriParameters params = new FriParameters(1, 8, 0, 3, 0, 4);
        long[][] word = FriTests.codeword(8, 4, 12);
        FriProof small = new FriProver(params, ProverBackend.java()).prove(new Transcript(DOMAIN), word[0], word[1], 3);

        // then the layer is committed under a cap of 2 roots, and the proof verifies
        assertEquals(1, small.layerCaps().get(0).logSize());
        assertDoesNotThrow(() -> new FriVerifier(params).verify(new Transcript(DOMAIN), small, 3));
    }

    @Test
    void aQueryWithAMalformedFirstLayerIsRefusedBeforeItsValueIsRead() {
        String reason = "query 0 has a malformed first layer";
        assertEquals(reason, rejection(PARAMS, withFirstQuery(layers -> {
            layers.set(0, shortened(layers.get(0)));
            return layers;
        })));
        assertEquals(reason, rejection(PARAMS, withFirstQuery(layers -> List.of())));
    }

    @Test
    void aQueryOpeningTooManyLayersOrALayerOfTheWrongWidthIsRefused() {
        // an extra, otherwise valid opening after the last layer
        assertEquals("query 0 opens 3 layers", rejection(PARAMS, withFirstQuery(layers -> {
            layers.add(layers.get(1));
            return layers;
        })));
        // the last layer missing
        assertEquals("query 0 opens 1 layers", rejection(PARAMS, withFirstQuery(layers -> layers.subList(0, 1))));
        // a later layer's coset short of one value
        assertEquals("query 0 layer 1 opens 14 values", rejection(PARAMS, withFirstQuery(layers -> {
            layers.set(1, shortened(layers.get(1)));
            return layers;
        })));
    }
}
