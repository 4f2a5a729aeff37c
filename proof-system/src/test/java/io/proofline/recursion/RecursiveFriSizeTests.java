package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.fri.FriParameters;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.Variable;
import org.junit.jupiter.api.Test;

/**
 * The size of the FRI verifier circuit at the default parameters (about 100 conjectured bits:
 * LDE factor 8, 28 queries, 16 proof-of-work bits) for a degree bound of 2^14, the recursion's
 * sizing anchor. Builds the circuits only; nothing is resolved or proven.
 */
class RecursiveFriSizeTests {

    private static final int LOG_DEGREE = 14;

    private static int rows(FriParameters params) {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(16));
        FriProofVars proof = FriProofVars.allocate(b, params, LOG_DEGREE);
        new RecursiveFriVerifier(params).verify(new RecursiveTranscript(b, "size"), proof, (q, bits, value) -> { });
        b.build();
        return b.rowsUsed();
    }

    /** One Merkle path of the first layer (2^14 leaves of 8 extension values) under a cap of {@code 2^logCap}. */
    private static int merklePathRows(int logCap) {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(16));
        Variable[][] cap = new Variable[1 << logCap][];
        for (int i = 0; i < cap.length; i++) {
            cap[i] = b.inputs(4);
        }
        Variable[][] siblings = new Variable[14 - logCap][];
        for (int i = 0; i < siblings.length; i++) {
            siblings[i] = b.inputs(4);
        }
        RecursiveMerkle.verify(b, cap, b.inputs(14), b.inputs(16), siblings, "root");
        return b.rowsUsed();
    }

    @Test
    void theHundredBitInstanceFitsInTwoToTheThirteenRows() {
        FriParameters params = FriParameters.forSecurity(100, 3, 16);
        FriParameters oneQuery = new FriParameters(3, 1, 16, 3, 5, 4);
        int total = rows(params);
        int single = rows(oneQuery);
        int perQuery = (total - single) / (params.numQueries() - 1);
        FriParameters oneRootCaps = new FriParameters(3, 28, 16, 3, 5, 0);
        System.out.println("FRI verifier circuit, degree 2^" + LOG_DEGREE + ", " + params + " (conjectured "
                + params.securityBits() + " bits): " + total + " rows; per query about " + perQuery
                + "; commit phase, transcript and proof of work about " + (single - perQuery)
                + "; one first-layer Merkle path alone " + merklePathRows(4) + " (cap of 16), " + merklePathRows(0)
                + " (one root); with one-root caps the whole circuit takes " + rows(oneRootCaps) + " rows");
        assertTrue(total < 1 << 13, total + " rows");
    }
}
