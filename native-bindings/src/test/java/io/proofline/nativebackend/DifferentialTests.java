package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.Interpolation;
import io.proofline.backend.LdeCommitment;
import io.proofline.backend.ProverBackend;
import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.fri.FriParameters;
import io.proofline.nativebackend.ffi.ProoflineNative;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.QuotientProgramCompiler;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import io.proofline.plonkish.gates.Gate;
import io.proofline.poseidon2.Poseidon2;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A native back end against the Java reference, bit for bit, on random inputs of several
 * sizes: every operation of the ABI, then a whole small Plonkish proof. Sizes stay small (at
 * most 2^12 per column, one column of 2^17 that the library splits over its threads) so that
 * the whole class runs in seconds.
 */
abstract class DifferentialTests {

    private static final ProverBackend JAVA = ProverBackend.java();
    private final SplittableRandom rnd = new SplittableRandom(20261202);

    abstract NativeBackend backend();

    private long[] random(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Goldilocks.canonical(rnd.nextLong());
        }
        return out;
    }

    private long[][] random(int columns, int n) {
        long[][] out = new long[columns][];
        for (int c = 0; c < columns; c++) {
            out[c] = random(n);
        }
        // edge values in the first column, where they fit
        long[] edge = {0, 1, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFFL, 1L << 32};
        for (int i = 0; i < Math.min(n, edge.length) && columns > 0; i++) {
            out[0][i] = edge[i];
        }
        return out;
    }

    private static long[][] copy(long[][] m) {
        long[][] out = new long[m.length][];
        for (int c = 0; c < m.length; c++) {
            out[c] = m[c].clone();
        }
        return out;
    }

    /**
     * {log2 length, columns}: single elements, tiny, odd column counts, one column split over
     * threads, and columns longer than the CPU library's 2^14-element blocks, one per thread.
     */
    /** {log2 length, columns}; the last is large enough for the bindings to copy a column per thread. */
    private static final int[][] SHAPES = {{0, 1}, {1, 3}, {3, 2}, {6, 5}, {9, 3}, {12, 1}, {10, 4}, {16, 2}, {18, 5}};

    @Test
    void forwardInverseAndCosetTransforms() {
        for (int[] shape : SHAPES) {
            long[][] input = random(shape[1], 1 << shape[0]);
            String what = "2^" + shape[0] + " x " + shape[1];

            long[][] expected = copy(input);
            long[][] actual = copy(input);
            JAVA.ntt().forwardBatch(expected);
            backend().ntt().forwardBatch(actual);
            assertArrayEquals(expected, actual, "forward " + what);

            expected = copy(input);
            actual = copy(input);
            JAVA.ntt().inverseBatch(expected);
            backend().ntt().inverseBatch(actual);
            assertArrayEquals(expected, actual, "inverse " + what);

            long shift = Goldilocks.canonical(rnd.nextLong());
            expected = copy(input);
            actual = copy(input);
            JAVA.ntt().cosetForwardBatch(expected, shift);
            backend().ntt().cosetForwardBatch(actual, shift);
            assertArrayEquals(expected, actual, "coset forward " + what);
        }
    }

    /**
     * Butterfly sums at the edges of the field: two values meet at the stage of half-size h and
     * every other one is zero, so their sum passes on unchanged and comes out as the first value.
     * A sum that reaches p without carrying past 2^64 (p - 1 + 1, p - 1 + 2^32 - 1) must come out
     * reduced, as must one that carries.
     */
    @Test
    void butterflySumsAtTheEdgesOfTheField() {
        long[][] pairs = {{Goldilocks.P - 1, 1}, {Goldilocks.P - 1, 0xFFFF_FFFFL}, {Goldilocks.P - 2, 2},
                {Goldilocks.P - 1, Goldilocks.P - 1}, {1L << 63, 1L << 63}, {Goldilocks.P - (1L << 32), 1L << 32}};
        int n = 64;
        List<long[]> columns = new ArrayList<>();
        for (int h = 1; h < n; h <<= 1) {
            for (long[] pair : pairs) {
                long[] column = new long[n];
                column[0] = pair[0];
                column[h] = pair[1];
                columns.add(column);
            }
        }
        long[][] input = columns.toArray(long[][]::new);
        long[][] expected = copy(input);
        long[][] actual = copy(input);
        JAVA.ntt().forwardBatch(expected);
        backend().ntt().forwardBatch(actual);
        assertArrayEquals(expected, actual);
    }

    /** A single column of 2^16 or 2^17, which the CPU library splits over its threads stage by stage. */
    @Test
    void oneLargeColumnSplitOverThreads() {
        for (int logN : new int[] {16, 17}) {
            long[][] input = random(1, 1 << logN);
            long[][] expected = copy(input);
            long[][] actual = copy(input);
            JAVA.ntt().forwardBatch(expected);
            backend().ntt().forwardBatch(actual);
            assertArrayEquals(expected, actual, "forward 2^" + logN);
            JAVA.ntt().inverseBatch(expected);
            backend().ntt().inverseBatch(actual);
            assertArrayEquals(expected, actual, "inverse 2^" + logN);
            assertArrayEquals(input, actual, "round trip 2^" + logN);
        }
    }

    @Test
    void lowDegreeExtensions() {
        int[] blowups = {1, 3, 2, 1, 3, 1, 2, 1, 1};
        for (int s = 0; s < SHAPES.length; s++) {
            int[] shape = SHAPES[s];
            long[][] input = random(shape[1], 1 << shape[0]);
            long[][] untouched = copy(input);
            String what = "2^" + shape[0] + " x " + shape[1] + " blowup 2^" + blowups[s];
            for (long shift : new long[] {Goldilocks.GENERATOR, Goldilocks.canonical(rnd.nextLong())}) {
                assertArrayEquals(JAVA.ntt().cosetLde(input, blowups[s], shift),
                        backend().ntt().cosetLde(input, blowups[s], shift), "LDE " + what);
                assertArrayEquals(JAVA.ntt().cosetLdeFromEvaluations(input, blowups[s], shift),
                        backend().ntt().cosetLdeFromEvaluations(input, blowups[s], shift), "LDE from evaluations " + what);
            }
            assertArrayEquals(untouched, input, "inputs are not modified");
        }
    }

    @Test
    void emptyBatchesAndBadShapesBehaveAsTheJavaBackEnd() {
        backend().ntt().forwardBatch(new long[0][]);
        assertEquals(0, backend().ntt().cosetLde(new long[0][], 1, 7).length);
        assertThrows(IllegalArgumentException.class, () -> backend().ntt().forwardBatch(new long[][] {new long[3]}));
        assertThrows(IllegalArgumentException.class,
                () -> backend().ntt().forwardBatch(new long[][] {new long[4], new long[8]}));
        assertThrows(IllegalArgumentException.class, () -> backend().ntt().cosetLde(new long[][] {new long[4]}, 0, 7));
        assertThrows(IllegalArgumentException.class, () -> backend().ntt().cosetLde(new long[][] {new long[4]}, 11, 7));
        assertThrows(IllegalArgumentException.class, () -> backend().merkleHasher().hashRows(new long[0][]));
        assertThrows(IllegalArgumentException.class, () -> backend().merkleHasher().buildLayers(new long[12], 0));
        assertThrows(IllegalArgumentException.class, () -> backend().merkleHasher().buildLayers(new long[16], 3));
        assertThrows(IllegalArgumentException.class,
                () -> backend().friFolder().fold(new long[8], new long[8], new long[1], 5, Ext2.ONE));
    }

    @Test
    void sizesThatWouldWrapAreRefusedByTheLibraryItself() {
        // sizes the Java side never passes, straight to the ABI: the library refuses them, where
        // a 32-bit sum or a 64-bit byte count used to wrap into range and write past a buffer
        NativeLibrary lib = backend().library();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = OffHeap.of(arena, new long[8]);
            MemorySegment out = OffHeap.of(arena, new long[16]);
            String lde = assertThrows(IllegalArgumentException.class, () -> lib.cosetLde(in, 1, -1, 1, 7, out)).getMessage();
            assertTrue(lde.contains("pl_coset_lde: extended length 2^4294967296 exceeds 2^30"), lde);
            String bytes = assertThrows(IllegalArgumentException.class,
                    () -> lib.cosetLdeFromEvaluations(in, 1L << 58, 3, 1, 7, out)).getMessage();
            assertTrue(bytes.contains("columns of 2^4 elements exceed 64-bit sizes"), bytes);
            String ntt = assertThrows(IllegalArgumentException.class, () -> lib.nttForward(in, 1L << 61, 3)).getMessage();
            assertTrue(ntt.contains("2305843009213693952 columns of 2^3 elements exceed 64-bit sizes"), ntt);
            String inverse = assertThrows(IllegalArgumentException.class, () -> lib.nttInverse(in, 1, 64)).getMessage();
            assertTrue(inverse.contains("column length 2^64 exceeds 2^30"), inverse);
            // the coset itself (log_blowup 0) of 2^30 points is 2^30 long, not 2^31: refused here only by the byte count
            String coset = assertThrows(IllegalArgumentException.class, () -> lib.cosetLde(in, 1L << 34, 30, 0, 7, out))
                    .getMessage();
            assertTrue(coset.contains("columns of 2^30 elements exceed 64-bit sizes"), coset);
        }
    }

    @Test
    void poseidon2Permutations() {
        int count = 37;
        long[] states = random(12 * count);
        long[] expected = states.clone();
        Poseidon2.permuteBatch(expected, count);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = OffHeap.of(arena, states);
            backend().library().poseidon2Permute(seg, count);
            assertArrayEquals(expected, OffHeap.toArray(seg, 0, 12 * count));
        }
    }

    @Test
    void rowHashesOfEveryWidth() {
        // widths around the sponge's rate of 8: one chunk, exactly one, a partial second, several
        for (int width : new int[] {1, 3, 8, 9, 16, 21}) {
            for (int rows : new int[] {1, 5, 64, 1003}) {
                long[][] m = random(width, rows);
                long[] expected = JAVA.merkleHasher().hashRows(m);
                assertArrayEquals(expected, backend().merkleHasher().hashRows(m), width + " columns x " + rows + " rows");
                try (Arena arena = Arena.ofShared()) {
                    ColumnMatrix offHeap = ColumnMatrix.copyOf(arena, m);
                    assertArrayEquals(expected, backend().merkleHasher().hashRows(offHeap),
                            width + " columns x " + rows + " rows off heap");
                }
            }
        }
    }

    @Test
    void columnSumsOfKeptExtensionsAsTheJavaBackEndMakesThem() {
        // the DEEP composition's shape: several committed extensions of equal rows, one used in part
        ColumnMatrix[] made = new ColumnMatrix[3];
        try (Arena arena = Arena.ofShared()) {
            ColumnMatrix a = backend().commit(random(5, 1 << 9), 3, 7, 4, arena, () -> { }).lde();
            ColumnMatrix b = backend().commit(random(2, 1 << 9), 3, 7, 4, arena, () -> { }).lde();
            ColumnMatrix c = backend().commit(random(1, 1 << 10), 2, 7, 4, arena, () -> { }).lde();
            long[] w0 = random(8);
            long[] w1 = random(8);
            List<ColumnMatrix> kept = List.of(a, b, c);
            kept.toArray(made);
            int[] columns = {5, 2, 1};
            assertNotNull(backend().handles(kept), "every commitment is kept until its arena closes");
            assertArrayEquals(JAVA.combineColumns(kept, columns, w0, w1), backend().combineColumns(kept, columns, w0, w1),
                    "kept extensions");
            int[] part = {3, 0, 1};
            long[] p0 = Arrays.copyOf(w0, 4);
            long[] p1 = Arrays.copyOf(w1, 4);
            assertArrayEquals(JAVA.combineColumns(kept, part, p0, p1), backend().combineColumns(kept, part, p0, p1),
                    "first columns only");
            // a matrix the library does not keep: the sums are made on the heap
            List<ColumnMatrix> mixed = List.of(ColumnMatrix.copyOf(arena, a.toArrays()), b);
            assertNull(backend().handles(mixed));
            long[] m0 = Arrays.copyOf(w0, 7);
            long[] m1 = Arrays.copyOf(w1, 7);
            assertArrayEquals(JAVA.combineColumns(mixed, new int[] {5, 2}, m0, m1),
                    backend().combineColumns(mixed, new int[] {5, 2}, m0, m1), "a matrix not kept");
            assertThrows(IllegalArgumentException.class,
                    () -> backend().combineColumns(kept, new int[] {6, 2, 1}, random(9), random(9)));
        }
        assertNull(backend().handles(List.of(made)), "closing the arena lets the extensions go");
    }

    @Test
    void columnSumsOfTheLargestValuesAndWeights() {
        // every product as large as the field allows, in more columns than a proof combines: the
        // CPU library sums products in 32-bit limbs and reduces once a row, and this is its bound.
        // A constant polynomial extends to that constant on every row.
        int columns = 300;
        long[][] coefficients = new long[columns][1 << 6];
        for (long[] column : coefficients) {
            column[0] = Goldilocks.P - 1;
        }
        long[] weights = new long[columns];
        Arrays.fill(weights, Goldilocks.P - 1);
        try (Arena arena = Arena.ofShared()) {
            List<ColumnMatrix> kept = List.of(backend().commit(coefficients, 3, 7, 2, arena, () -> { }).lde());
            long[][] sums = backend().combineColumns(kept, new int[] {columns}, weights, weights);
            assertArrayEquals(JAVA.combineColumns(kept, new int[] {columns}, weights, weights), sums);
            // (p - 1)^2 = 1, so each row sums to the number of columns
            for (long[] part : sums) {
                assertTrue(Arrays.stream(part).allMatch(v -> v == columns), "every row sums to " + columns);
            }
        }
    }

    @Test
    void deepCodewordsOfKeptExtensionsAsTheJavaBackEndMakesThem() {
        // rows below and above the CPU library's block of 2^12 rows, whose points share high bits (4 blocks at 2^14)
        for (int logN : new int[] {0, 4, 9, 11}) {
            try (Arena arena = Arena.ofShared()) {
                ColumnMatrix a = backend().commit(random(5, 1 << logN), 3, 7, 4, arena, () -> { }).lde();
                ColumnMatrix b = backend().commit(random(3, 1 << logN), 3, 7, 4, arena, () -> { }).lde();
                List<ColumnMatrix> kept = List.of(a, b);
                int[] columns = {5, 3};
                long[] w0 = random(8);
                long[] w1 = random(8);
                long[] n0 = random(2);
                long[] n1 = random(2);
                Ext2[] v = new Ext2[4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
                }
                assertNotNull(backend().handles(kept));
                assertArrayEquals(JAVA.deepCodeword(kept, columns, w0, w1, b, 2, n0, n1, 7, v[0], v[1], v[2], v[3]),
                        backend().deepCodeword(kept, columns, w0, w1, b, 2, n0, n1, 7, v[0], v[1], v[2], v[3]),
                        "2^" + (logN + 3) + " rows");
                // zeta on the domain: no codeword, from either back end
                int logRows = logN + 3;
                long x = Goldilocks.mul(7, Goldilocks.pow(TwoAdicRoots.rootOfUnity(logRows),
                        TwoAdicRoots.reverseBits(Math.min(5, (1 << logRows) - 1), logRows)));
                Ext2 onDomain = new Ext2(x, 0);
                assertThrows(ArithmeticException.class,
                        () -> JAVA.deepCodeword(kept, columns, w0, w1, b, 2, n0, n1, 7, v[0], v[1], onDomain, v[3]));
                assertThrows(ArithmeticException.class,
                        () -> backend().deepCodeword(kept, columns, w0, w1, b, 2, n0, n1, 7, v[0], v[1], v[2], onDomain));
            }
        }
    }

    @Test
    void quotientProgramsUseTheHeadersOpcodes() {
        int[][] pairs = {{QuotientProgram.CONST, ProoflineNative.PL_Q_CONST()}, {QuotientProgram.COLUMN, ProoflineNative.PL_Q_COLUMN()},
            {QuotientProgram.NEXT, ProoflineNative.PL_Q_NEXT()}, {QuotientProgram.PUBLIC, ProoflineNative.PL_Q_PUBLIC()},
            {QuotientProgram.X, ProoflineNative.PL_Q_X()}, {QuotientProgram.L0, ProoflineNative.PL_Q_L0()},
            {QuotientProgram.ADD, ProoflineNative.PL_Q_ADD()}, {QuotientProgram.SUB, ProoflineNative.PL_Q_SUB()},
            {QuotientProgram.MUL, ProoflineNative.PL_Q_MUL()}, {QuotientProgram.ADD_CONST, ProoflineNative.PL_Q_ADD_CONST()},
            {QuotientProgram.SUB_CONST, ProoflineNative.PL_Q_SUB_CONST()},
            {QuotientProgram.CONST_SUB, ProoflineNative.PL_Q_CONST_SUB()},
            {QuotientProgram.MUL_CONST, ProoflineNative.PL_Q_MUL_CONST()}, {QuotientProgram.OUT, ProoflineNative.PL_Q_OUT()},
            {QuotientProgram.MAX_REGISTERS, ProoflineNative.PL_Q_MAX_REGISTERS()}};
        for (int[] pair : pairs) {
            assertEquals(pair[1], pair[0]);
        }
    }

    @Test
    void quotientsOfCompiledProgramsAsTheJavaReferenceMakesThem() {
        // every gate kind at degree 8 (7 cosets of a blowup of 8) at 2^3 and 2^9 rows, and a degree-4
        // geometry (3 cosets of 4) in a larger blowup, as the prover reads the committed extensions
        for (Geometry g : List.of(Geometry.standard(3), Geometry.standard(9), new Geometry(9, 0, 3, 5, 4))) {
            List<Gate> gates = Arrays.stream(Gate.all())
                    .filter(gate -> gate.instancesPerRow(g.copyColumns(), g.witnessColumns(), g.constantColumns()) > 0)
                    .toList();
            int logBlowup = 32 - Integer.numberOfLeadingZeros(g.quotientChunks() - 1);
            int rows = g.quotientChunks() << g.logRows();
            int n = g.rows();
            try (Arena arena = Arena.ofShared()) {
                ColumnMatrix setup = backend().commit(random(g.constantColumns() + gates.size() + g.copyColumns(), n), 3, 7, 2,
                        arena, () -> { }).lde();
                ColumnMatrix witness = backend().commit(random(g.copyColumns() + g.witnessColumns(), n), 3, 7, 2, arena,
                        () -> { }).lde();
                ColumnMatrix products = backend().commit(random(2 * g.permutationProducts(), n), 3, 7, 2, arena, () -> { })
                        .lde();
                List<ColumnMatrix> kept = List.of(setup, witness, products);
                long[] publicInput = random(n << logBlowup);
                Ext2[] challenges = new Ext2[3];
                for (int i = 0; i < challenges.length; i++) {
                    challenges[i] = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
                }
                QuotientProgram program = QuotientProgramCompiler.compile(g, gates, challenges[0], challenges[1], challenges[2]);
                long[][] expected = program.evaluate(kept, publicInput, g.logRows(), logBlowup, rows, 7);
                assertTrue(backend().runsQuotientPrograms());
                assertArrayEquals(expected, backend().quotient(program, kept, publicInput, g.logRows(), logBlowup, rows, 7),
                        g + ", " + program);
                // extensions the library did not make: the prover's own evaluator, not the library
                ColumnMatrix copy = ColumnMatrix.copyOf(arena, witness.toArrays());
                assertNull(backend().quotient(program, List.of(setup, copy, products), publicInput, g.logRows(), logBlowup,
                        rows, 7));
                // a domain longer than the extensions, rows that are not whole cosets, too few public inputs
                assertThrows(IllegalArgumentException.class, () -> backend().quotient(program, kept, publicInput,
                        g.logRows(), 4, rows, 7));
                assertThrows(IllegalArgumentException.class, () -> backend().quotient(program, kept, publicInput,
                        g.logRows(), logBlowup, rows - 1, 7));
                assertThrows(IllegalArgumentException.class, () -> backend().quotient(program, kept,
                        Arrays.copyOf(publicInput, rows - 1), g.logRows(), logBlowup, rows, 7));
            }
        }
    }

    @Test
    void arithmeticInstructionsOnEdgeValuesAsTheJavaReferenceMakesThem() {
        // each operand pair of the edge values, through every arithmetic instruction, modulo p: the
        // numerator is divided by Z_H, a product, which hides a sum left at p rather than 0 (the
        // transforms show that: butterflySumsAtTheEdgesOfTheField), but not a wrong borrow or carry
        long[] edge = {0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFFL, 1L << 32, 1L << 63, Goldilocks.P - (1L << 32),
                Goldilocks.canonical(rnd.nextLong())};
        Geometry g = Geometry.standard(3);
        int logBlowup = 32 - Integer.numberOfLeadingZeros(g.quotientChunks() - 1);
        int rows = g.quotientChunks() << g.logRows();
        long[] publicInput = new long[g.rows() << logBlowup];
        for (int r = 0; r < publicInput.length; r++) {
            publicInput[r] = edge[r % edge.length];
        }
        try (Arena arena = Arena.ofShared()) {
            List<ColumnMatrix> kept = List.of(backend().commit(random(1, g.rows()), logBlowup, 7, 0, arena, () -> { }).lde(),
                    backend().commit(random(1, g.rows()), logBlowup, 7, 0, arena, () -> { }).lde(),
                    backend().commit(random(1, g.rows()), logBlowup, 7, 0, arena, () -> { }).lde());
            int[] registerOps = {QuotientProgram.ADD, QuotientProgram.SUB, QuotientProgram.MUL};
            int[] constantOps = {QuotientProgram.ADD_CONST, QuotientProgram.SUB_CONST, QuotientProgram.CONST_SUB,
                    QuotientProgram.MUL_CONST};
            for (int k = 0; k < edge.length; k++) {
                for (int op : registerOps) {
                    // r0 = the public input, r1 = edge[k], r2 = r0 op r1
                    QuotientProgram program = new QuotientProgram(new int[] {QuotientProgram.PUBLIC, 0, 0, 0,
                        QuotientProgram.CONST, 1, 0, 0, op, 2, 0, 1, QuotientProgram.OUT, 0, 2, 0}, new long[] {edge[k]}, 3);
                    assertRunsAsTheReference(program, kept, publicInput, g, logBlowup, rows);
                }
                for (int op : constantOps) {
                    // r0 = the public input, r1 = r0 op edge[k]
                    QuotientProgram program = new QuotientProgram(new int[] {QuotientProgram.PUBLIC, 0, 0, 0, op, 1, 0, 0,
                        QuotientProgram.OUT, 0, 1, 0}, new long[] {edge[k]}, 2);
                    assertRunsAsTheReference(program, kept, publicInput, g, logBlowup, rows);
                }
            }
        }
    }

    private void assertRunsAsTheReference(QuotientProgram program, List<ColumnMatrix> kept, long[] publicInput, Geometry g,
                                          int logBlowup, int rows) {
        assertArrayEquals(program.evaluate(kept, publicInput, g.logRows(), logBlowup, rows, 7),
                backend().quotient(program, kept, publicInput, g.logRows(), logBlowup, rows, 7), program.toString());
    }

    @Test
    void commitmentsOfValuesAsTheJavaBackEndMakesThem() {
        // the prover's interpolation and commit in one call: coefficients, extension and layers
        for (int[] shape : new int[][] {{1, 0, 1, 0}, {3, 4, 3, 2}, {12, 6, 1, 4}, {130, 5, 3, 16}}) {
            long[][] evaluations = random(shape[0], 1 << shape[1]);
            long[][] before = Arrays.stream(evaluations).map(long[]::clone).toArray(long[][]::new);
            long shift = Goldilocks.canonical(rnd.nextLong());
            String what = shape[0] + " columns of 2^" + shape[1] + ", blowup 2^" + shape[2] + ", cap 2^" + shape[3];
            try (Arena arena = Arena.ofShared()) {
                Interpolation expected = JAVA.commitEvaluations(evaluations, shape[2], shift, shape[3], arena, () -> { });
                int[] extended = {0};
                Interpolation actual = backend().commitEvaluations(evaluations, shape[2], shift, shape[3], arena,
                        () -> extended[0]++);
                long[][] coefficients = Arrays.stream(evaluations).map(long[]::clone).toArray(long[][]::new);
                JAVA.ntt().inverseBatch(coefficients);
                assertArrayEquals(coefficients, actual.coefficients(), what);
                assertArrayEquals(expected.coefficients(), actual.coefficients(), what);
                assertArrayEquals(expected.commitment().lde().toArrays(), actual.commitment().lde().toArrays(), what);
                assertArrayEquals(expected.commitment().layers(), actual.commitment().layers(), what);
                assertArrayEquals(before, evaluations, "the values are left as they were: " + what);
                assertEquals(1, extended[0], "the extension is reported once: " + what);
                assertNotNull(backend().handles(List.of(actual.commitment().lde())), "the extension is kept: " + what);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> backend().commitEvaluations(new long[0][], 1, 7, 0, arena, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> backend().commitEvaluations(random(2, 4), 1, 7, -1, arena, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> backend().commitEvaluations(random(2, 3), 1, 7, 0, arena, () -> { }));
        }
    }

    @Test
    void commitmentsAsTheJavaBackEndMakesThem() {
        // the prover's commit: extension, row hashes and layers in one call, the cap above and below the rows
        for (int[] shape : new int[][] {{1, 0, 1, 0}, {3, 4, 3, 2}, {12, 6, 1, 4}, {130, 5, 3, 16}}) {
            int width = shape[0];
            int logN = shape[1];
            int logBlowup = shape[2];
            int logCap = shape[3];
            long[][] coefficients = random(width, 1 << logN);
            long shift = Goldilocks.canonical(rnd.nextLong());
            String what = width + " columns of 2^" + logN + ", blowup 2^" + logBlowup + ", cap 2^" + logCap;
            try (Arena arena = Arena.ofShared()) {
                LdeCommitment expected = JAVA.commit(coefficients, logBlowup, shift, logCap, arena, () -> { });
                int[] extended = {0};
                LdeCommitment actual = backend().commit(coefficients, logBlowup, shift, logCap, arena, () -> extended[0]++);
                assertArrayEquals(JAVA.ntt().cosetLde(coefficients, logBlowup, shift), actual.lde().toArrays(), what);
                assertArrayEquals(expected.lde().toArrays(), actual.lde().toArrays(), what);
                assertArrayEquals(expected.layers(), actual.layers(), what);
                assertEquals(1, extended[0], "the extension is reported once: " + what);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> backend().commit(new long[0][], 1, 7, 0, arena, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> backend().commit(random(2, 4), 1, 7, -1, arena, () -> { }));
            assertThrows(IllegalArgumentException.class, () -> backend().commit(random(2, 3), 1, 7, 0, arena, () -> { }));
        }
    }

    @Test
    void extensionsOffHeapAsTheJavaBackEndMakesThem() {
        // the quotient domain's extension, which the prover reads but does not commit
        for (int[] shape : new int[][] {{1, 0, 1}, {3, 4, 3}, {130, 5, 2}}) {
            long[][] coefficients = random(shape[0], 1 << shape[1]);
            long shift = Goldilocks.canonical(rnd.nextLong());
            try (Arena arena = Arena.ofShared()) {
                assertArrayEquals(JAVA.cosetLde(coefficients, shape[2], shift, arena).toArrays(),
                        backend().cosetLde(coefficients, shape[2], shift, arena).toArrays(),
                        shape[0] + " columns of 2^" + shape[1] + ", blowup 2^" + shape[2]);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> backend().cosetLde(new long[0][], 1, 7, arena));
            assertThrows(IllegalArgumentException.class, () -> backend().cosetLde(random(2, 3), 1, 7, arena));
        }
    }

    @Test
    void cosetEvaluationsAsTheJavaBackEndMakesThem() {
        // one coset of the trace domain, for a quotient domain past the committed extension
        for (int[] shape : new int[][] {{1, 0}, {3, 4}, {130, 5}}) {
            long[][] coefficients = random(shape[0], 1 << shape[1]);
            long shift = Goldilocks.canonical(rnd.nextLong());
            try (Arena arena = Arena.ofShared()) {
                assertArrayEquals(JAVA.cosetEvaluations(coefficients, shift, arena).toArrays(),
                        backend().cosetEvaluations(coefficients, shift, arena).toArrays(),
                        shape[0] + " columns of 2^" + shape[1]);
                // several cosets from one copy of the coefficients, in the order of their shifts
                long[] shifts = {shift, Goldilocks.GENERATOR, Goldilocks.canonical(rnd.nextLong())};
                List<ColumnMatrix> each = backend().cosetEvaluations(coefficients, shifts, arena);
                assertEquals(shifts.length, each.size());
                for (int i = 0; i < shifts.length; i++) {
                    assertArrayEquals(JAVA.cosetEvaluations(coefficients, shifts[i], arena).toArrays(), each.get(i).toArrays(),
                            shape[0] + " columns of 2^" + shape[1] + ", coset " + i + " of " + shifts.length);
                }
            }
        }
        try (Arena arena = Arena.ofShared()) {
            assertThrows(IllegalArgumentException.class, () -> backend().cosetEvaluations(new long[0][], 7, arena));
            assertThrows(IllegalArgumentException.class, () -> backend().cosetEvaluations(random(2, 3), 7, arena));
        }
    }

    @Test
    void merkleLayersUpToEveryCap() {
        for (int logLeaves : new int[] {0, 1, 4, 8}) {
            long[] leaves = random(4 << logLeaves);
            for (int logCap = 0; logCap <= logLeaves; logCap += Math.max(1, logLeaves / 3)) {
                long[][] expected = JAVA.merkleHasher().buildLayers(leaves, logCap);
                long[][] actual = backend().merkleHasher().buildLayers(leaves, logCap);
                assertArrayEquals(expected, actual, "2^" + logLeaves + " leaves, cap 2^" + logCap);
                assertSame(leaves, actual[0], "layer 0 is the leaves themselves, as in the Java back end");
            }
        }
    }

    @Test
    void friFoldsOfEveryArity() {
        for (int logArity = 1; logArity <= 4; logArity++) {
            for (int cosets : new int[] {1, 3, 300}) {
                int len = cosets << logArity;
                long[] c0 = random(len);
                long[] c1 = random(len);
                long[] xInv = random(cosets);
                Ext2 beta = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
                assertArrayEquals(JAVA.friFolder().fold(c0, c1, xInv, logArity, beta),
                        backend().friFolder().fold(c0, c1, xInv, logArity, beta), "arity 2^" + logArity + ", " + cosets + " cosets");
            }
        }
    }

    /** 12 queries at LDE factor 8 and 4 grinding bits: 40 bits (conjectured) on purpose, to stay fast. */
    /** A Poseidon2 permutation, a product, a range check and public outputs: 2^6 rows. */
    private static Circuit circuit() {
        CircuitBuilder b = new CircuitBuilder(Geometry.standard(6));
        Variable[] state = b.inputs(Poseidon2.WIDTH);
        Variable[] out = b.poseidon2(state);
        for (int i = 0; i < 4; i++) {
            b.publicInput(out[i]);
        }
        Variable x = b.input();
        Variable y = b.input();
        b.rangeCheck(x, 16);
        b.publicInput(b.fma(3, x, y, 5, state[0]));
        return b.build();
    }

    @Test
    void wholeProofEqualsTheJavaProofAndVerifies() {
        Circuit circuit = circuit();
        long[] inputs = new long[Poseidon2.WIDTH + 2];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = 1000 + 77L * i;
        }
        WitnessVector witness = circuit.resolve(inputs);

        // LDE 8, and LDE 2, whose quotient domain reaches past the committed extension
        for (FriParameters fri : new FriParameters[] {new FriParameters(3, 12, 4, 3, 2, 2), new FriParameters(1, 40, 4, 3, 2, 2)}) {
            int bits = fri.logBlowup() * fri.numQueries() + fri.powBits();
            ProverConfig javaConfig = new ProverConfig(ProverBackend.java(), fri, bits);
            ProverConfig nativeConfig = new ProverConfig(backend(), fri, bits);
            SetupData javaSetup = Setup.generate(circuit, javaConfig);
            SetupData nativeSetup = Setup.generate(circuit, nativeConfig);
            PlonkishProof javaProof = new PlonkishProver(javaConfig).prove(circuit, javaSetup, witness);
            PlonkishProof nativeProof = new PlonkishProver(nativeConfig).prove(circuit, nativeSetup, witness);

            assertArrayEquals(ProofCodec.encode(javaProof), ProofCodec.encode(nativeProof), "same proof bytes, " + fri);
            assertDoesNotThrow(() -> new PlonkishVerifier(javaSetup.key(), bits).verify(witness.publicInputs(), nativeProof));
        }
    }
}
