package io.proofline.plonkish;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.Interpolation;
import io.proofline.backend.LdeCommitment;
import io.proofline.backend.PooledArena;
import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriProof;
import io.proofline.fri.FriProver;
import io.proofline.merkle.MerkleTree;
import io.proofline.plonkish.gates.Gate;
import io.proofline.transcript.Transcript;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Proves that a witness satisfies a circuit.
 *
 * <ol>
 *   <li>commit the witness columns' LDE; draw {@code beta, gamma};</li>
 *   <li>commit the copy-permutation products; draw {@code alpha};</li>
 *   <li>compute the quotient on the LDE domain, split it into {@code maxDegree - 1} pieces of
 *       degree below {@code n} and commit them; draw {@code zeta};</li>
 *   <li>open every committed polynomial at {@code zeta} (the grand product also at
 *       {@code zeta * w}); draw {@code phi};</li>
 *   <li>run FRI on the DEEP composition, and open all four trees at each FRI query.</li>
 * </ol>
 */
public final class PlonkishProver {

    public static final String DOMAIN = "proofline-plonkish-v1";

    private final ProverConfig config;

    public PlonkishProver(ProverConfig config) {
        this.config = config;
    }

    /**
     * Checks the witness, then proves.
     *
     * @throws UnsatisfiedCircuitException naming the first failing gate and row
     * @throws ProverMemoryException before any work, if the proof cannot fit this JVM's heap
     */
    public PlonkishProof prove(Circuit circuit, SetupData setup, WitnessVector witness) {
        ProverMemory.require(circuit.geometry(), config.fri(), Runtime.getRuntime().maxMemory());
        SatisfiabilityReport report = SatisfiabilityChecker.check(circuit, witness);
        if (!report.satisfied()) {
            throw new UnsatisfiedCircuitException(report);
        }
        return proveWithinHeap(setup, witness, new ProverStages());
    }

    /** Proves without checking first; an unsatisfying witness gives a proof that does not verify. */
    public PlonkishProof proveUnchecked(SetupData setup, WitnessVector witness) {
        return proveUnchecked(setup, witness, new ProverStages());
    }

    /** As {@link #proveUnchecked(SetupData, WitnessVector)}, charging each stage's time to {@code timer}. */
    public PlonkishProof proveUnchecked(SetupData setup, WitnessVector witness, ProverStages timer) {
        ProverMemory.require(setup.key().geometry(), config.fri(), Runtime.getRuntime().maxMemory());
        return proveWithinHeap(setup, witness, timer);
    }

    /** The proof, once {@link ProverMemory} has found that it fits the heap. */
    private PlonkishProof proveWithinHeap(SetupData setup, WitnessVector witness, ProverStages timer) {
        // the proof's extensions live off heap in this arena; their memory goes back to the pool
        // when the proof is made, for the next proof to reuse
        try (Arena arena = PooledArena.shared()) {
            return prove(setup, witness, timer, arena);
        }
    }

    private PlonkishProof prove(SetupData setup, WitnessVector witness, ProverStages timer, Arena arena) {
        timer.start();
        VerificationKey key = setup.key();
        Geometry g = key.geometry();
        if (!key.fri().equals(config.fri())) {
            throw new IllegalArgumentException("setup was made with FRI parameters " + key.fri() + ", the prover uses " + config.fri());
        }
        Transcript transcript = new Transcript(DOMAIN);
        transcript.observe(key.commitment());
        transcript.observe(witness.publicInputs());

        Interpolation witnessMade = commitEvaluations(witness.columns(), arena, timer, ProverStages.WITNESS_LDE);
        long[][] witnessCoefficients = witnessMade.coefficients();
        Committed witnessTree = committed(witnessMade.commitment(), timer, ProverStages.WITNESS_HASHING);
        transcript.observe(witnessTree.tree.cap());
        Ext2 beta = transcript.sampleExt();
        Ext2 gamma = transcript.sampleExt();

        long[][] sigmas = Arrays.copyOfRange(setup.columns(), g.constantColumns() + key.gates().size(), key.setupColumns());
        long[][] products = PermutationArgument.products(g, Arrays.copyOf(witness.columns(), g.copyColumns()), sigmas, beta, gamma);
        Interpolation productsMade = commitEvaluations(products, arena, timer, ProverStages.PERMUTATION);
        long[][] productCoefficients = productsMade.coefficients();
        Committed productsTree = committed(productsMade.commitment(), timer, ProverStages.PERMUTATION);
        transcript.observe(productsTree.tree.cap());
        Ext2 alpha = transcript.sampleExt();

        // the quotient, of degree below (maxDegree - 1) n, is evaluated on that many cosets of H,
        // the first blocks of the smallest power-of-two coset that holds them, whatever the FRI
        // blowup: the committed extensions' first rows where they reach, else extended further
        int quotientLogBlowup = Domains.quotientLogBlowup(g);
        long[] publicInputLde = publicInputLde(g, key.publicInputRows(), witness.publicInputs(), quotientLogBlowup);
        long[][] quotient;
        // extensions made only for the quotient's domain are freed as soon as it is evaluated
        try (Arena quotientDomain = PooledArena.shared()) {
            List<QuotientDomainColumns> domain = List.of(
                    // made once with the setup (its FRI parameters are the prover's, checked above)
                    Domains.withCosets(setup.lde(), setup.quotientCosets(), Domains.quotientRows(g)),
                    onQuotientDomain(g, witnessTree.lde, witnessCoefficients, quotientLogBlowup, quotientDomain),
                    onQuotientDomain(g, productsTree.lde, productCoefficients, quotientLogBlowup, quotientDomain));
            quotient = programQuotient(g, key.gates(), domain, publicInputLde, quotientLogBlowup, alpha, beta, gamma);
            if (quotient == null) {
                quotient = new QuotientEvaluator(g, key.gates(), domain.get(0), domain.get(1), domain.get(2), publicInputLde,
                        quotientLogBlowup, g.quotientChunks()).evaluate(alpha, beta, gamma);
            }
        }
        timer.mark(ProverStages.QUOTIENT_EVALUATION);
        long[][] quotientCoefficients = QuotientPieces.split(config.backend(), quotient, g.logRows(), quotientLogBlowup);
        Committed quotientTree = commit(quotientCoefficients, arena, timer, ProverStages.QUOTIENT_COMMITMENT,
                ProverStages.QUOTIENT_COMMITMENT);
        transcript.observe(quotientTree.tree.cap());
        Ext2 zeta = transcript.sampleExt();
        Ext2 zetaNext = zeta.mul(TwoAdicRoots.rootOfUnity(g.logRows()));

        long[][] zetaPowers = powers(zeta, setup.coefficients(), witnessCoefficients, productCoefficients, quotientCoefficients);
        PlonkishProof.Openings openings = new PlonkishProof.Openings(evaluate(setup.coefficients(), zetaPowers),
                evaluate(witnessCoefficients, zetaPowers), evaluate(productCoefficients, zetaPowers),
                evaluate(quotientCoefficients, zetaPowers),
                evaluate(Arrays.copyOf(productCoefficients, 2), powers(zetaNext, productCoefficients)));
        for (Ext2 v : openings.all()) {
            transcript.observe(v);
        }
        Ext2 phi = transcript.sampleExt();

        long[][] deep = DeepComposition.codeword(config.backend(),
                List.of(setup.lde(), witnessTree.lde, productsTree.lde, quotientTree.lde),
                productsTree.lde, openings.all().subList(0, openings.all().size() - 2), openings.productsNext(), zeta,
                zetaNext, phi);
        timer.mark(ProverStages.DEEP);
        List<Integer> queryIndices = new ArrayList<>();
        FriProver friProver = new FriProver(config.fri(), config.backend());
        FriProof fri = friProver.prove(transcript, deep[0], deep[1], g.logRows(), queryIndices::add);
        List<PlonkishProof.QueryOpenings> queries = new ArrayList<>(queryIndices.size());
        for (int index : queryIndices) {
            queries.add(new PlonkishProof.QueryOpenings(open(setup.tree(), index), open(witnessTree.tree, index),
                    open(productsTree.tree, index), open(quotientTree.tree, index)));
        }
        timer.mark(ProverStages.FRI);
        timer.move(ProverStages.FRI, ProverStages.POW, friProver.powNanos());
        timer.log(g);
        return new PlonkishProof(witnessTree.tree.cap(), productsTree.tree.cap(), quotientTree.tree.cap(), openings, fri, queries);
    }

    private record Committed(ColumnMatrix lde, MerkleTree tree) {
    }

    /**
     * The quotient by the back end's run of the constraints compiled into a program, where the
     * back end runs programs on the domain's matrices and the program fits its registers; else
     * null. The program runs segment by segment of the domain ({@link QuotientDomainColumns}):
     * the committed extensions' first rows, a coset of the FRI domain's size (or of the
     * quotient's, if smaller), then each coset of the trace domain extended for the quotient
     * alone ({@link Domains#extendFromCommitted}), a domain of its own with its shift and a blowup
     * of 1.
     */
    private long[][] programQuotient(Geometry g, List<Gate> gates, List<QuotientDomainColumns> domain, long[] publicInputLde,
                                     int quotientLogBlowup, Ext2 alpha, Ext2 beta, Ext2 gamma) {
        if (!config.backend().runsQuotientPrograms()) {
            return null;
        }
        QuotientProgram program = QuotientProgramCompiler.compile(g, gates, alpha, beta, gamma);
        if (program == null) {
            return null;
        }
        int n = g.rows();
        int rows = g.quotientChunks() << g.logRows();
        QuotientDomainColumns first = domain.getFirst();
        long[][] quotient = new long[2][rows];
        // the segments made for the quotient first: a back end that runs programs only on the
        // extensions it keeps (a GPU's) declines those before it does any work
        for (int s = first.segmentCount() - 1; s >= 0; s--) {
            int segment = s;
            List<ColumnMatrix> matrices = domain.stream().map(d -> d.segmentMatrix(segment)).toList();
            int from = first.segmentStart(s);
            int length = Math.min(matrices.getFirst().rows(), rows - from);
            int logBlowup = s == 0 ? Math.min(config.fri().logBlowup(), quotientLogBlowup) : 0;
            long shift = s == 0 ? Domains.SHIFT : Domains.blockShift(g.logRows(), quotientLogBlowup, from / n);
            long[][] part = config.backend().quotient(program, matrices,
                    Arrays.copyOfRange(publicInputLde, from, from + length), g.logRows(), logBlowup, length, shift);
            if (part == null) {
                return null;
            }
            System.arraycopy(part[0], 0, quotient[0], from, length);
            System.arraycopy(part[1], 0, quotient[1], from, length);
        }
        return quotient;
    }

    /**
     * The committed LDE where it holds the quotient's domain (in bit-reversed order, the first
     * {@code 2^q n} rows of a coset of {@code 2^b n} points, {@code q <= b}, are the coset of
     * {@code 2^q n} points, and the quotient evaluator reads only the first {@code maxDegree - 1}
     * blocks of those), else the larger coset's extension of the same coefficients as far as the
     * domain reaches, which holds the committed one as its first block.
     */
    private QuotientDomainColumns onQuotientDomain(Geometry g, ColumnMatrix lde, long[][] coefficients,
                                                   int quotientLogBlowup, Arena arena) {
        int rows = Domains.quotientRows(g);
        return rows <= lde.rows() ? QuotientDomainColumns.of(lde, rows)
                : Domains.extendFromCommitted(config.backend(), lde, coefficients, config.fri().logBlowup(),
                        quotientLogBlowup, rows, arena);
    }

    /** The coset LDE of {@code coefficients} and its Merkle tree, each charged to its stage. */
    private Committed commit(long[][] coefficients, Arena arena, ProverStages timer, String ldeStage, String hashingStage) {
        LdeCommitment made = config.backend().commit(coefficients, config.fri().logBlowup(), Domains.SHIFT,
                config.fri().logCapSize(), arena, () -> timer.mark(ldeStage));
        return committed(made, timer, hashingStage);
    }

    /**
     * The coefficients of columns given by their values on the trace domain and their commitment,
     * interpolation and extension charged to {@code ldeStage} (the tree is {@link #committed}).
     */
    private Interpolation commitEvaluations(long[][] evaluations, Arena arena, ProverStages timer, String ldeStage) {
        return config.backend().commitEvaluations(evaluations, config.fri().logBlowup(), Domains.SHIFT,
                config.fri().logCapSize(), arena, () -> timer.mark(ldeStage));
    }

    /** A commitment's Merkle tree over its extension, charged to {@code hashingStage}. */
    private static Committed committed(LdeCommitment made, ProverStages timer, String hashingStage) {
        MerkleTree tree = MerkleTree.of(made.lde(), made.layers());
        timer.mark(hashingStage);
        return new Committed(made.lde(), tree);
    }

    private static PlonkishProof.TreeOpening open(MerkleTree tree, int index) {
        return new PlonkishProof.TreeOpening(tree.row(index), tree.path(index));
    }

    /** The LDE of the polynomial that is the public value at each public-input row and zero elsewhere. */
    private long[] publicInputLde(Geometry g, int[] rows, long[] values, int logBlowup) {
        long[][] column = new long[1][g.rows()];
        for (int i = 0; i < rows.length; i++) {
            column[0][rows[i]] = values[i];
        }
        config.backend().ntt().inverseBatch(column);
        return config.backend().ntt().cosetLde(column, logBlowup, Domains.SHIFT)[0];
    }

    /**
     * The powers {@code 1, point, point^2, ...} as many as the longest column of {@code matrices}
     * has coefficients, split into the point's two base-field components: {@code [c0s, c1s]}.
     * Computed once per point, and shared by every matrix opened there.
     */
    static long[][] powers(Ext2 point, long[][]... matrices) {
        int length = 0;
        for (long[][] matrix : matrices) {
            for (long[] c : matrix) {
                length = Math.max(length, c.length);
            }
        }
        long[] powers0 = new long[length];
        long[] powers1 = new long[length];
        Ext2 power = Ext2.ONE;
        for (int i = 0; i < length; i++) {
            powers0[i] = power.c0();
            powers1[i] = power.c1();
            power = power.mul(point);
        }
        return new long[][] {powers0, powers1};
    }

    /** Each coefficient column evaluated at an extension point. */
    static List<Ext2> evaluate(long[][] coefficients, Ext2 point) {
        return evaluate(coefficients, powers(point, coefficients));
    }

    /**
     * Each coefficient column evaluated at an extension point, given its {@link #powers}: two
     * base-field dot products per column (the coefficients are in the base field).
     */
    static List<Ext2> evaluate(long[][] coefficients, long[][] pointPowers) {
        long[] powers0 = pointPowers[0];
        long[] powers1 = pointPowers[1];
        return IntStream.range(0, coefficients.length).parallel().mapToObj(c -> {
            long[] coeffs = coefficients[c];
            if (coeffs.length > powers0.length) {
                throw new IllegalArgumentException("a column of " + coeffs.length + " coefficients, powers for " + powers0.length);
            }
            return new Ext2(Goldilocks.dot(coeffs, powers0, coeffs.length), Goldilocks.dot(coeffs, powers1, coeffs.length));
        }).toList();
    }
}
