package io.proofline.plonkish;

import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriParameters;
import io.proofline.fri.FriVerificationException;
import io.proofline.fri.FriVerifier;
import io.proofline.merkle.MerkleCap;
import io.proofline.merkle.MerkleVerifier;
import io.proofline.plonkish.gates.ExtAlgebra;
import io.proofline.poseidon2.Digest;
import io.proofline.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a {@link PlonkishProof} from the verification key, the public inputs and the proof
 * alone: it replays the transcript, checks the constraint identity
 * {@code C(zeta) = (zeta^n - 1) * sum_k zeta^(k n) Q_k(zeta)} from the opened values, and runs
 * FRI on the DEEP composition, recomputing its value at every query from the opened rows of
 * all four trees.
 *
 * <p>A verifier is made for one key and a required security level, and refuses at
 * construction a key whose parameters give less (bits of conjectured security, capped by the
 * field at the key's trace size: {@link Soundness}) or whose sizes it cannot handle. Whatever a
 * proof holds, {@link #verify(long[], PlonkishProof)} either returns or throws
 * {@link VerificationException} with the reason.
 */
public final class PlonkishVerifier {

    private final VerificationKey key;
    private final Digest commitment;

    /**
     * A verifier requiring {@link FriParameters#DEFAULT_SECURITY_BITS} bits of conjectured security.
     *
     * @throws IllegalArgumentException naming why the key is refused
     */
    public PlonkishVerifier(VerificationKey key) {
        this(key, FriParameters.DEFAULT_SECURITY_BITS);
    }

    /**
     * @param requiredBits the conjectured security the key must give, 1 to {@link FriParameters#MAX_SECURITY_BITS}
     * @throws IllegalArgumentException naming why the key is refused
     */
    public PlonkishVerifier(VerificationKey key, int requiredBits) {
        KeyAdmission.check(key, requiredBits);
        this.key = key;
        this.commitment = key.commitment();
    }

    /**
     * Verifies with a verifier requiring the default level; a refused key is a rejection.
     *
     * @throws VerificationException naming the first check that failed, or why the key is refused
     */
    public static void verify(VerificationKey key, long[] publicInputs, PlonkishProof proof) {
        PlonkishVerifier verifier;
        try {
            verifier = new PlonkishVerifier(key);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(e.getMessage());
        }
        verifier.verify(publicInputs, proof);
    }

    public VerificationKey key() {
        return key;
    }

    /**
     * @throws VerificationException naming the first check that failed; an exception the checks
     *     did not foresee (a proof built in memory with missing parts) is reported as one too
     */
    public void verify(long[] publicInputs, PlonkishProof proof) {
        try {
            check(publicInputs, proof);
        } catch (VerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VerificationException("proof could not be checked: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void check(long[] publicInputs, PlonkishProof proof) {
        Geometry g = key.geometry();
        int logLength = g.logRows() + key.fri().logBlowup();
        require(publicInputs.length == key.publicInputCount(),
                "expected " + key.publicInputCount() + " public inputs, got " + publicInputs.length);
        for (long v : publicInputs) {
            require(Goldilocks.isCanonical(v), "public input " + Long.toUnsignedString(v) + " is not a field element");
        }
        PlonkishProof.Openings o = proof.openings();
        int products = 2 * g.permutationProducts();
        require(o.setup().size() == key.setupColumns() && o.witness().size() == g.copyColumns() + g.witnessColumns()
                && o.products().size() == products && o.quotient().size() == 2 * g.quotientChunks()
                && o.productsNext().size() == 2, "openings do not match the key's geometry");
        int capRoots = 1 << Math.min(key.fri().logCapSize(), logLength);
        requireCap("witness", proof.witnessCap(), capRoots);
        requireCap("products", proof.productsCap(), capRoots);
        requireCap("quotient", proof.quotientCap(), capRoots);

        Transcript transcript = new Transcript(PlonkishProver.DOMAIN);
        transcript.observe(commitment);
        transcript.observe(publicInputs);
        transcript.observe(proof.witnessCap());
        Ext2 beta = transcript.sampleExt();
        Ext2 gamma = transcript.sampleExt();
        transcript.observe(proof.productsCap());
        Ext2 alpha = transcript.sampleExt();
        transcript.observe(proof.quotientCap());
        Ext2 zeta = transcript.sampleExt();
        Ext2 zetaNext = zeta.mul(TwoAdicRoots.rootOfUnity(g.logRows()));
        List<Ext2> all = o.all();
        for (Ext2 v : all) {
            transcript.observe(v);
        }
        Ext2 phi = transcript.sampleExt();

        checkQuotientIdentity(key, publicInputs, o, alpha, beta, gamma, zeta);

        List<MerkleCap> caps = List.of(key.setupCap(), proof.witnessCap(), proof.productsCap(), proof.quotientCap());
        int[] widths = {key.setupColumns(), g.copyColumns() + g.witnessColumns(), products, 2 * g.quotientChunks()};
        List<Ext2> atZeta = all.subList(0, all.size() - 2);
        try {
            new FriVerifier(key.fri()).verify(transcript, proof.fri(), g.logRows(), (q, index, value) -> {
                require(q < proof.queries().size(), "proof has no tree openings for query " + q);
                List<PlonkishProof.TreeOpening> trees = proof.queries().get(q).all();
                for (int t = 0; t < trees.size(); t++) {
                    long[] row = trees.get(t).row();
                    require(row.length == widths[t], "query " + q + " opens a row of " + row.length + " in tree " + t);
                    require(MerkleVerifier.verify(caps.get(t), logLength, index, row, trees.get(t).path()),
                            "query " + q + ": tree " + t + " opening does not match its cap");
                }
                List<long[]> rows = trees.stream().map(PlonkishProof.TreeOpening::row).toList();
                Ext2 expected = DeepComposition.atPoint(rows, rows.get(2), atZeta, o.productsNext(), zeta, zetaNext, phi,
                        Domains.ldePoint(logLength, index));
                require(expected.equals(value), "query " + q + ": FRI's first layer disagrees with the committed polynomials");
            });
        } catch (FriVerificationException e) {
            throw new VerificationException("FRI: " + e.getMessage());
        }
        require(proof.queries().size() == key.fri().numQueries(), "proof has " + proof.queries().size() + " query openings");
    }

    private static void checkQuotientIdentity(VerificationKey key, long[] publicInputs, PlonkishProof.Openings o,
                                              Ext2 alpha, Ext2 beta, Ext2 gamma, Ext2 zeta) {
        Geometry g = key.geometry();
        int n = g.rows();
        Ext2 zetaN = zeta.pow(n);
        Ext2 vanishing = zetaN.sub(Ext2.ONE);
        require(!vanishing.isZero(), "the challenge point fell on the trace domain");
        Ext2 nInverse = Ext2.of(Goldilocks.inverse(n));
        // PI(zeta) = sum_i v_i L_{r_i}(zeta), L_r(zeta) = w^r (zeta^n - 1) / (n (zeta - w^r))
        Ext2 publicInput = Ext2.ZERO;
        int[] rows = key.publicInputRows();
        long omega = TwoAdicRoots.rootOfUnity(g.logRows());
        for (int i = 0; i < rows.length; i++) {
            long wr = Goldilocks.pow(omega, rows[i]);
            Ext2 lagrange = vanishing.mul(wr).mul(nInverse).mul(zeta.sub(Ext2.of(wr)).inverse());
            publicInput = publicInput.add(lagrange.mul(publicInputs[i]));
        }
        Ext2 piAtZeta = publicInput;
        Ext2[] sum = {Ext2.ZERO};
        Ext2[] gateSum = {Ext2.ZERO};
        Ext2[] alphaPower = {Ext2.ONE};
        int selectors = g.constantColumns();
        GateTerms.visit(g, key.gates(), ExtAlgebra.INSTANCE, new GateTerms.Columns<>() {
            @Override
            public Ext2 copy(int column) {
                return o.witness().get(column);
            }

            @Override
            public Ext2 witness(int column) {
                return o.witness().get(g.copyColumns() + column);
            }

            @Override
            public Ext2 constant(int column) {
                return o.setup().get(column);
            }

            @Override
            public Ext2 publicInput() {
                return piAtZeta;
            }
        }, new GateTerms.Visitor<>() {
            @Override
            public void constraint(int alphaIndex, Ext2 value) {
                gateSum[0] = gateSum[0].add(alphaPower[0].mul(value));
                alphaPower[0] = alphaPower[0].mul(alpha);
            }

            @Override
            public void gateDone(int gateIndex) {
                sum[0] = sum[0].add(o.setup().get(selectors + gateIndex).mul(gateSum[0]));
                gateSum[0] = Ext2.ZERO;
            }
        });

        int c = g.copyColumns();
        int m = g.permutationProducts();
        int sigmaOffset = g.constantColumns() + key.gates().size();
        List<Ext2> w = o.witness().subList(0, c);
        List<Ext2> sigma = o.setup().subList(sigmaOffset, sigmaOffset + c);
        List<Ext2> products = new ArrayList<>(m);
        for (int p = 0; p < m; p++) {
            products.add(combineExtension(o.products().get(2 * p), o.products().get(2 * p + 1)));
        }
        Ext2 zNext = combineExtension(o.productsNext().get(0), o.productsNext().get(1));
        Ext2 l0 = vanishing.mul(nInverse).mul(zeta.sub(Ext2.ONE).inverse());
        List<Ext2> terms = PermutationArgument.terms(ExtAlgebra.INSTANCE, g, zeta, w, sigma, products, zNext, beta, gamma, l0);
        for (Ext2 term : terms) {
            sum[0] = sum[0].add(alphaPower[0].mul(term));
            alphaPower[0] = alphaPower[0].mul(alpha);
        }

        Ext2 quotient = Ext2.ZERO;
        Ext2 zetaPower = Ext2.ONE;
        for (int k = 0; k < g.quotientChunks(); k++) {
            quotient = quotient.add(zetaPower.mul(combineExtension(o.quotient().get(2 * k), o.quotient().get(2 * k + 1))));
            zetaPower = zetaPower.mul(zetaN);
        }
        require(sum[0].equals(vanishing.mul(quotient)), "constraints do not match the quotient at the challenge point");
    }

    /**
     * A polynomial with extension coefficients committed as two base polynomials, {@code f = f0 + u f1}
     * ({@code u^2 = 7}), has {@code f(zeta) = f0(zeta) + u f1(zeta)}.
     */
    private static Ext2 combineExtension(Ext2 f0, Ext2 f1) {
        return f0.add(f1.mul(new Ext2(0, 1)));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new VerificationException(message);
        }
    }

    /** Every cap the verifier reads has the size the parameters fix, as FRI's layer caps do. */
    private static void requireCap(String tree, MerkleCap cap, int roots) {
        require(cap.roots().size() == roots, tree + " cap has " + cap.roots().size() + " roots, expected " + roots);
    }
}
