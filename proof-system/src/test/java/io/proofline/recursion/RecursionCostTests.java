package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.fri.FriParameters;
import io.proofline.merkle.MerkleCap;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each part of the verifier in circuit costs, in rows, for a key shaped like the project's
 * base circuits: {@code Geometry.standard(14)} with every gate kind, the standard FRI parameters
 * (LDE factor 8, 28 queries, 16 proof-of-work bits, caps of 16 roots) and 16 public inputs.
 */
class RecursionCostTests {

    @Test
    void eachPartsRowsAndTheDeepCompositionCostsAboutOneMultiplyAddPerColumnPerQuery() {
        FriParameters fri = FriParameters.forSecurity(FriParameters.DEFAULT_SECURITY_BITS, 3, 16);
        int[] publicInputRows = new int[16];
        for (int i = 0; i < publicInputRows.length; i++) {
            publicInputRows[i] = 40 + i;
        }
        VerificationKey key = new VerificationKey(Geometry.standard(14), fri, List.of(Gate.all()), publicInputRows,
                new MerkleCap(Collections.nCopies(1 << fri.logCapSize(), new Digest(1, 2, 3, 4))));
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(20));
        CircuitExt ext = new CircuitExt(b);
        List<String> report = new ArrayList<>();
        int before = b.rowsUsed();

        VerificationKeyVars keyVars = VerificationKeyVars.allocate(b, key);
        PlonkishProofVars proof = PlonkishProofVars.allocate(b, key);
        Variable[] publicInputs = b.inputs(key.publicInputCount());
        ExtVar alpha = ext.input();
        ExtVar beta = ext.input();
        ExtVar gamma = ext.input();
        ExtVar zeta = ext.input();
        ExtVar zetaNext = ext.input();
        ExtVar phi = ext.input();
        Variable[] indices = b.inputs(fri.numQueries());

        keyVars.commitment(b);
        before = record(report, "key commitment", b, before);
        RecursiveQuotientIdentity.check(ext, key, publicInputs, proof.openings(), alpha, beta, gamma, zeta);
        before = record(report, "constraint identity at zeta", b, before);
        RecursiveDeep deep = RecursiveDeep.prepare(ext, proof.openings(), zeta, zetaNext, phi);
        before = record(report, "DEEP, per proof", b, before);
        int logLength = key.geometry().logRows() + fri.logBlowup();
        Variable[] points = new Variable[fri.numQueries()];
        for (int q = 0; q < fri.numQueries(); q++) {
            points[q] = CircuitPoints.ldePoint(b, logLength, b.bits(indices[q], logLength));
        }
        before = record(report, "LDE points from index bits, " + fri.numQueries() + " queries", b, before);
        for (int q = 0; q < fri.numQueries(); q++) {
            deep.atPoint(proof.query(q).stream().map(PlonkishProofVars.TreeRowVars::row).toList(), points[q]);
        }
        int deepRows = b.rowsUsed() - before;
        record(report, "DEEP at the query points, " + fri.numQueries() + " queries", b, before);
        System.out.println("Verifier in circuit, rows per part for " + key.geometry() + ", " + fri + ":\n  "
                + String.join("\n  ", report) + "\n  total " + b.rowsUsed());

        // an extension multiply-add takes 8 of the 24 copy columns: 3 per row
        int columns = proof.openings().atZeta().size();
        int perQueryBound = Math.ceilDiv(columns, 3) + 6;
        assertTrue(deepRows <= fri.numQueries() * perQueryBound,
                deepRows + " rows for " + fri.numQueries() + " queries of " + columns + " columns");
    }

    private static int record(List<String> report, String part, CircuitBuilder b, int before) {
        report.add(part + ": " + (b.rowsUsed() - before));
        return b.rowsUsed();
    }
}
