package io.proofline.recursion;

import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.VerificationKey;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The verifier of {@link PlonkishVerifier} as constraints: given a key's structure, it
 * allocates the key's setup cap, the public inputs and a proof as circuit inputs and adds
 * constraints that hold exactly when the native verifier accepts them, in the native order:
 * the transcript from the key's commitment (computed in circuit from the cap) and the public
 * inputs, the challenges, the constraint identity at {@code zeta}, FRI on the DEEP composition
 * with every query's rows checked against the four caps and combined at the query's point.
 *
 * <p>What the native verifier checks as the shape of a proof (cap sizes, opening counts, path
 * lengths, query count) is fixed here when the circuit is built; a proof of another shape
 * cannot be given as input ({@link Inputs#values}). The key's structure must itself pass the
 * native verifier's admission (security level, sizes), or the circuit is not built.
 */
public final class RecursivePlonkishVerifier {

    private RecursivePlonkishVerifier() {
    }

    /**
     * A verified proof's handles: its public inputs and the commitment of the key it was checked
     * under (four variables), for the aggregation circuit to chain and to bind to registered keys.
     */
    public record Verified(Variable[] publicInputs, Variable[] keyCommitment, Inputs inputs, Rows rows) {
    }

    /**
     * Rows opened by each part of one verification, for sizing (gates of one kind share rows, so
     * a part is charged the rows it opened): key commitment and transcript up to the last
     * challenge, the identity at zeta with the gates' evaluation, the four trees' Merkle
     * openings at the queries, the DEEP composition at the queries, and the rest of FRI (its
     * transcript, proof of work, layer openings and folds).
     */
    public record Rows(int transcript, int identity, int treeOpenings, int deep, int fri) {

        public int total() {
            return transcript + identity + treeOpenings + deep + fri;
        }
    }

    /** The circuit inputs one verification allocated, and how to fill them from a key, public inputs and a proof. */
    public static final class Inputs {

        private final VerificationKeyVars key;
        private final Variable[] publicInputs;
        private final PlonkishProofVars proof;
        private final FriProofVars fri;

        Inputs(VerificationKeyVars key, Variable[] publicInputs, PlonkishProofVars proof, FriProofVars fri) {
            this.key = key;
            this.publicInputs = publicInputs;
            this.proof = proof;
            this.fri = fri;
        }

        /**
         * The input values, in allocation order: the key's setup cap, the public inputs, the
         * proof's Plonkish part, its FRI part.
         *
         * @throws IllegalArgumentException if the key's structure or the proof's shape is not the circuit's
         */
        public long[] values(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
            if (publicInputs.length != this.publicInputs.length) {
                throw new IllegalArgumentException("expected " + this.publicInputs.length + " public inputs, got "
                        + publicInputs.length);
            }
            return LongStream.concat(LongStream.concat(LongStream.of(this.key.values(key)), LongStream.of(publicInputs)),
                    LongStream.concat(LongStream.of(this.proof.values(proof)), LongStream.of(fri.values(proof.fri())))).toArray();
        }
    }

    /**
     * Allocates the inputs of one proof under a key of {@code shape}'s structure and adds the
     * verifier's constraints, for keys required to reach {@code requiredBits} of conjectured
     * security ({@code FriParameters.DEFAULT_SECURITY_BITS} in production; tests use small, fast
     * parameters).
     *
     * @throws IllegalArgumentException if the native verifier would refuse keys of this structure
     */
    public static Verified verify(CircuitBuilder b, VerificationKey shape, int requiredBits) {
        // admission, as the native verifier's: the structure reaches the required security, sizes in range
        new PlonkishVerifier(shape, requiredBits);
        CircuitExt ext = new CircuitExt(b);
        VerificationKeyVars key = VerificationKeyVars.allocate(b, shape);
        Variable[] publicInputs = b.inputs(shape.publicInputCount());
        PlonkishProofVars proof = PlonkishProofVars.allocate(b, shape);
        Geometry g = shape.geometry();
        FriProofVars fri = FriProofVars.allocate(b, shape.fri(), g.logRows());

        int start = b.rowsUsed();
        Variable[] commitment = key.commitment(b);
        RecursiveTranscript transcript = new RecursiveTranscript(b, PlonkishProver.DOMAIN);
        transcript.observe(commitment);
        transcript.observe(publicInputs);
        List<Variable[][]> caps = proof.caps();
        transcript.observeCap(caps.get(0));
        ExtVar beta = transcript.sampleExt();
        ExtVar gamma = transcript.sampleExt();
        transcript.observeCap(caps.get(1));
        ExtVar alpha = transcript.sampleExt();
        transcript.observeCap(caps.get(2));
        ExtVar zeta = transcript.sampleExt();
        ExtVar zetaNext = ext.scale(zeta, TwoAdicRoots.rootOfUnity(g.logRows()));
        OpeningVars openings = proof.openings();
        for (ExtVar v : openings.all()) {
            transcript.observe(v);
        }
        ExtVar phi = transcript.sampleExt();

        int afterTranscript = b.rowsUsed();
        RecursiveQuotientIdentity.check(ext, shape, publicInputs, openings, alpha, beta, gamma, zeta);
        int afterIdentity = b.rowsUsed();
        int[] charged = new int[2];

        Variable[][][] treeCaps = {key.setupCap(), caps.get(0), caps.get(1), caps.get(2)};
        RecursiveDeep deep = RecursiveDeep.prepare(ext, openings, zeta, zetaNext, phi);
        int logLength = g.logRows() + shape.fri().logBlowup();
        new RecursiveFriVerifier(shape.fri()).verify(transcript, fri, (q, indexBits, value) -> {
            List<PlonkishProofVars.TreeRowVars> trees = proof.query(q);
            int before = b.rowsUsed();
            for (int t = 0; t < trees.size(); t++) {
                RecursiveMerkle.verify(b, treeCaps[t], indexBits, trees.get(t).row(), trees.get(t).siblings(),
                        "query " + q + ": tree " + t + " opening does not match its cap");
            }
            int afterTrees = b.rowsUsed();
            charged[0] += afterTrees - before;
            Variable x = CircuitPoints.ldePoint(b, logLength, indexBits);
            ExtVar expected = deep.atPoint(trees.stream().map(PlonkishProofVars.TreeRowVars::row).toList(), x);
            ext.assertEqual(expected, value, "query " + q + ": FRI's first layer disagrees with the committed polynomials");
            charged[1] += b.rowsUsed() - afterTrees;
        });
        int friRows = b.rowsUsed() - afterIdentity - charged[0] - charged[1];
        Rows rows = new Rows(afterTranscript - start, afterIdentity - afterTranscript, charged[0], charged[1], friRows);
        return new Verified(publicInputs.clone(), commitment, new Inputs(key, publicInputs, proof, fri), rows);
    }
}
