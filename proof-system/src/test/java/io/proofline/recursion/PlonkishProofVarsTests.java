package io.proofline.recursion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.field.Ext2;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerklePath;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.NativeVerifierReplay;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A proof's Plonkish part as circuit inputs: every value lands in its variable, and a proof of another shape is refused. */
class PlonkishProofVarsTests {

    private static final Geometry CIRCUIT_GEOMETRY = Geometry.standard(6);

    @Test
    void everyValueOfAProofLandsInItsVariable() {
        NativeVerifierReplay.Fixture f = NativeVerifierReplay.fixture();
        PlonkishProof proof = f.proof();
        CircuitBuilder b = new CircuitBuilder(CIRCUIT_GEOMETRY);
        PlonkishProofVars vars = PlonkishProofVars.allocate(b, f.key());
        b.constant(0);
        Circuit circuit = b.build();
        long[] inputs = vars.values(proof);
        assertEquals(circuit.inputCount(), inputs.length);
        long[] values = circuit.resolveVariables(inputs);

        assertArrayEquals(proof.witnessCap().elements(), flatten(values, vars.caps().get(0)));
        assertArrayEquals(proof.productsCap().elements(), flatten(values, vars.caps().get(1)));
        assertArrayEquals(proof.quotientCap().elements(), flatten(values, vars.caps().get(2)));
        PlonkishProof.Openings o = proof.openings();
        List<Ext2> expected = new ArrayList<>();
        for (List<Ext2> part : List.of(o.setup(), o.witness(), o.products(), o.quotient(), o.productsNext())) {
            expected.addAll(part);
        }
        assertEquals(expected, vars.openings().all().stream()
                .map(v -> new Ext2(values[v.c0().index()], values[v.c1().index()])).toList());
        assertEquals(proof.queries().size(), vars.queryCount());
        for (int q = 0; q < proof.queries().size(); q++) {
            PlonkishProof.QueryOpenings query = proof.queries().get(q);
            List<PlonkishProof.TreeOpening> trees = List.of(query.setup(), query.witness(), query.products(), query.quotient());
            for (int t = 0; t < 4; t++) {
                PlonkishProofVars.TreeRowVars row = vars.query(q).get(t);
                assertArrayEquals(trees.get(t).row(), Arrays.stream(row.row()).mapToLong(v -> values[v.index()]).toArray());
                long[] siblings = trees.get(t).path().siblings().stream().flatMapToLong(d -> Arrays.stream(d.toArray())).toArray();
                assertArrayEquals(siblings, flatten(values, row.siblings()), "query " + q + " tree " + t);
            }
        }
    }

    private static long[] flatten(long[] values, Variable[][] digests) {
        return Arrays.stream(digests).flatMap(Arrays::stream).mapToLong(v -> values[v.index()]).toArray();
    }

    private static void refused(PlonkishProof proof, String message) {
        NativeVerifierReplay.Fixture f = NativeVerifierReplay.fixture();
        PlonkishProofVars vars = PlonkishProofVars.allocate(new CircuitBuilder(CIRCUIT_GEOMETRY), f.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vars.values(proof));
        assertEquals(message, e.getMessage());
    }

    private static PlonkishProof withOpenings(PlonkishProof p, Function<PlonkishProof.Openings, PlonkishProof.Openings> change) {
        return new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), change.apply(p.openings()), p.fri(),
                p.queries());
    }

    private static PlonkishProof withQuery0(PlonkishProof p, PlonkishProof.QueryOpenings query) {
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>(p.queries());
        queries.set(0, query);
        return new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), p.openings(), p.fri(), queries);
    }

    @Test
    void aProofOfAnotherShapeIsRefusedNamingWhatDiffers() {
        VerificationKey key = NativeVerifierReplay.fixture().key();
        PlonkishProof p = NativeVerifierReplay.fixture().proof();
        int roots = p.witnessCap().roots().size();
        refused(new PlonkishProof(p.witnessCap(), new MerkleCap(p.productsCap().roots().subList(0, roots / 2)),
                p.quotientCap(), p.openings(), p.fri(), p.queries()),
                "proof's products cap has " + roots / 2 + " roots, the key's trees " + roots);
        int witness = p.openings().witness().size();
        refused(withOpenings(p, o -> new PlonkishProof.Openings(o.setup(), o.witness().subList(1, witness), o.products(),
                o.quotient(), o.productsNext())),
                "proof opens " + (witness - 1) + " witness values, the key's geometry has " + witness);
        refused(withOpenings(p, o -> new PlonkishProof.Openings(o.setup(), o.witness(), o.products(), o.quotient(),
                List.of(Ext2.ONE))), "proof opens 1 next-row products values, the key's geometry has 2");
        refused(new PlonkishProof(p.witnessCap(), p.productsCap(), p.quotientCap(), p.openings(), p.fri(),
                p.queries().subList(1, p.queries().size())),
                "proof has " + (p.queries().size() - 1) + " query openings, the key " + key.fri().numQueries());
        PlonkishProof.QueryOpenings q0 = p.queries().get(0);
        long[] row = q0.products().row();
        refused(withQuery0(p, new PlonkishProof.QueryOpenings(q0.setup(), q0.witness(),
                new PlonkishProof.TreeOpening(Arrays.copyOf(row, row.length + 1), q0.products().path()), q0.quotient())),
                "query 0 opens a products row of " + (row.length + 1) + " columns, the key's has " + row.length);
        List<io.proofline.poseidon2.Digest> siblings = q0.quotient().path().siblings();
        refused(withQuery0(p, new PlonkishProof.QueryOpenings(q0.setup(), q0.witness(), q0.products(),
                new PlonkishProof.TreeOpening(q0.quotient().row(), new MerklePath(siblings.subList(1, siblings.size()))))),
                "query 0 has a quotient path of " + (siblings.size() - 1) + " siblings, the key's trees need "
                        + siblings.size());
    }
}
