package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProver;
import io.proofline.merkle.MerkleTree;
import io.proofline.transcript.Transcript;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link PlonkishProver#proveUnchecked}'s steps, with a cheat a dishonest prover could add. Left
 * honest it gives the real prover's proof word for word ({@code PlonkishForgeryTests} checks
 * that), so a forgery differs from an honest proof only where it cheats: every commitment is
 * still a low-degree polynomial, and transcript, paths and proof of work are all genuine.
 */
final class CheatingProver {

    enum Cheat {
        /** None: the honest prover. */
        NONE,
        /** Commits the copy-permutation products as all zero, which satisfies every chunk constraint. */
        ZERO_PRODUCTS,
        /**
         * Sends a quotient opening at {@code zeta} moved so that the constraint identity holds for an
         * unsatisfying witness, and runs FRI on the DEEP composition of the true openings (low degree).
         */
        PATCHED_QUOTIENT_OPENING
    }

    private final ProverConfig config;
    private final Cheat cheat;

    CheatingProver(ProverConfig config, Cheat cheat) {
        this.config = config;
        this.cheat = cheat;
    }

    private record Committed(long[][] coefficients, ColumnMatrix lde, MerkleTree tree) {
    }

    PlonkishProof prove(SetupData setup, WitnessVector witness) {
        VerificationKey key = setup.key();
        Geometry g = key.geometry();
        int n = g.rows();
        int logLength = g.logRows() + config.fri().logBlowup();
        Transcript transcript = new Transcript(PlonkishProver.DOMAIN);
        transcript.observe(key.commitment());
        transcript.observe(witness.publicInputs());

        Committed witnessTree = commit(config.backend().ntt().interpolate(witness.columns()));
        transcript.observe(witnessTree.tree().cap());
        Ext2 beta = transcript.sampleExt();
        Ext2 gamma = transcript.sampleExt();

        long[][] sigmas = Arrays.copyOfRange(setup.columns(), g.constantColumns() + key.gates().size(), key.setupColumns());
        long[][] products = cheat == Cheat.ZERO_PRODUCTS ? new long[2 * g.permutationProducts()][n]
                : PermutationArgument.products(g, Arrays.copyOf(witness.columns(), g.copyColumns()), sigmas, beta, gamma);
        Committed productsTree = commit(config.backend().ntt().interpolate(products));
        transcript.observe(productsTree.tree().cap());
        Ext2 alpha = transcript.sampleExt();

        long[][] quotient = new QuotientEvaluator(g, key.gates(), whole(setup.lde()), whole(witnessTree.lde()), whole(productsTree.lde()),
                publicInputLde(g, key.publicInputRows(), witness.publicInputs()), config.fri().logBlowup(),
                1 << config.fri().logBlowup())
                .evaluate(alpha, beta, gamma);
        long[][] all = coefficientsOnLde(quotient, logLength);
        long[][] pieces = new long[2 * g.quotientChunks()][];
        for (int k = 0; k < g.quotientChunks(); k++) {
            pieces[2 * k] = Arrays.copyOfRange(all[0], k * n, (k + 1) * n);
            pieces[2 * k + 1] = Arrays.copyOfRange(all[1], k * n, (k + 1) * n);
        }
        Committed quotientTree = commit(pieces);
        transcript.observe(quotientTree.tree().cap());
        Ext2 zeta = transcript.sampleExt();
        Ext2 zetaNext = zeta.mul(TwoAdicRoots.rootOfUnity(g.logRows()));

        PlonkishProof.Openings honest = new PlonkishProof.Openings(PlonkishProver.evaluate(setup.coefficients(), zeta),
                PlonkishProver.evaluate(witnessTree.coefficients(), zeta),
                PlonkishProver.evaluate(productsTree.coefficients(), zeta), PlonkishProver.evaluate(pieces, zeta),
                PlonkishProver.evaluate(Arrays.copyOf(productsTree.coefficients(), 2), zetaNext));
        PlonkishProof.Openings sent = cheat == Cheat.PATCHED_QUOTIENT_OPENING
                ? patchQuotient(honest, constraintsAt(quotient, logLength, n, zeta), zeta, n) : honest;
        for (Ext2 v : sent.all()) {
            transcript.observe(v);
        }
        Ext2 phi = transcript.sampleExt();

        List<Ext2> atZeta = honest.all().subList(0, honest.all().size() - 2);
        long[][] deep = DeepComposition.codeword(config.backend(),
                List.of(setup.lde(), witnessTree.lde(), productsTree.lde(), quotientTree.lde()),
                productsTree.lde(), atZeta, honest.productsNext(), zeta, zetaNext, phi);
        List<Integer> indices = new ArrayList<>();
        FriProof fri = new FriProver(config.fri(), config.backend()).prove(transcript, deep[0], deep[1], g.logRows(), indices::add);
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>();
        for (int index : indices) {
            queries.add(new PlonkishProof.QueryOpenings(open(setup.tree(), index), open(witnessTree.tree(), index),
                    open(productsTree.tree(), index), open(quotientTree.tree(), index)));
        }
        return new PlonkishProof(witnessTree.tree().cap(), productsTree.tree().cap(), quotientTree.tree().cap(), sent, fri, queries);
    }

    /**
     * {@code C(zeta)}, the alpha-combined constraints: the quotient's LDE values times
     * {@code x^n - 1} are {@code C} on the LDE domain, which is large enough to interpolate it.
     */
    private Ext2 constraintsAt(long[][] quotient, int logLength, int n, Ext2 zeta) {
        long[] points = Domains.ldePoints(logLength);
        long[][] c = {quotient[0].clone(), quotient[1].clone()};
        for (int j = 0; j < points.length; j++) {
            long vanishing = Goldilocks.sub(Goldilocks.pow(points[j], n), 1);
            c[0][j] = Goldilocks.mul(c[0][j], vanishing);
            c[1][j] = Goldilocks.mul(c[1][j], vanishing);
        }
        List<Ext2> parts = PlonkishProver.evaluate(coefficientsOnLde(c, logLength), zeta);
        return parts.get(0).add(parts.get(1).mul(new Ext2(0, 1)));
    }

    /** The openings with the first quotient piece moved so that {@code C(zeta) = (zeta^n - 1) Q(zeta)}. */
    private static PlonkishProof.Openings patchQuotient(PlonkishProof.Openings o, Ext2 constraints, Ext2 zeta, int n) {
        Ext2 zetaN = zeta.pow(n);
        Ext2 claimed = Ext2.ZERO;
        Ext2 power = Ext2.ONE;
        for (int k = 0; k < o.quotient().size() / 2; k++) {
            claimed = claimed.add(power.mul(o.quotient().get(2 * k).add(o.quotient().get(2 * k + 1).mul(new Ext2(0, 1)))));
            power = power.mul(zetaN);
        }
        Ext2 needed = constraints.mul(zetaN.sub(Ext2.ONE).inverse());
        List<Ext2> quotient = new ArrayList<>(o.quotient());
        quotient.set(0, quotient.get(0).add(needed.sub(claimed)));
        return new PlonkishProof.Openings(o.setup(), o.witness(), o.products(), quotient, o.productsNext());
    }

    /** Coefficients of values given bit-reversed on the LDE coset {@code 7 * <W>}. */
    private long[][] coefficientsOnLde(long[][] values, int logLength) {
        long[][] natural = {values[0].clone(), values[1].clone()};
        for (long[] column : natural) {
            TwoAdicRoots.bitReverse(column);
        }
        config.backend().ntt().inverseBatch(natural);
        long shiftInverse = Goldilocks.inverse(Domains.SHIFT);
        long scale = 1;
        for (int i = 0; i < 1 << logLength; i++) {
            natural[0][i] = Goldilocks.mul(natural[0][i], scale);
            natural[1][i] = Goldilocks.mul(natural[1][i], scale);
            scale = Goldilocks.mul(scale, shiftInverse);
        }
        return natural;
    }

    private long[] publicInputLde(Geometry g, int[] rows, long[] values) {
        long[][] column = new long[1][g.rows()];
        for (int i = 0; i < rows.length; i++) {
            column[0][rows[i]] = values[i];
        }
        config.backend().ntt().inverseBatch(column);
        return config.backend().ntt().cosetLde(column, config.fri().logBlowup(), Domains.SHIFT)[0];
    }

    private Committed commit(long[][] coefficients) {
        long[][] lde = config.backend().ntt().cosetLde(coefficients, config.fri().logBlowup(), Domains.SHIFT);
        return new Committed(coefficients, ColumnMatrix.copyOf(Arena.ofAuto(), lde),
                MerkleTree.build(lde, config.fri().logCapSize(), config.backend().merkleHasher()));
    }

    private static QuotientDomainColumns whole(ColumnMatrix lde) {
        return QuotientDomainColumns.of(lde, lde.rows());
    }

    private static PlonkishProof.TreeOpening open(MerkleTree tree, int index) {
        return new PlonkishProof.TreeOpening(tree.row(index), tree.path(index));
    }
}
