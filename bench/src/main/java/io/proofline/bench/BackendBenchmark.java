package io.proofline.bench;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.PooledArena;
import io.proofline.backend.ProverBackend;
import io.proofline.backend.ProverBackends;
import io.proofline.field.Ext2;
import io.proofline.field.Goldilocks;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The back ends side by side, per operation of the SPI, in milliseconds per call: the same
 * inputs through {@code java} and {@code native-cpu} (add {@code -p backend=cuda} on a GPU
 * machine). Native calls include copying the heap arrays off heap and back, as the SPI does,
 * except {@code commit}, whose extension stays off heap as in the prover.
 * Each state carries its own parameters, so a benchmark runs only the sizes it names.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class BackendBenchmark {

    static long[] random(SplittableRandom rnd, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = Goldilocks.canonical(rnd.nextLong());
        }
        return out;
    }

    /** {@code count} random columns of {@code n} elements each. */
    static long[][] randomColumns(SplittableRandom rnd, int count, int n) {
        long[][] out = new long[count][];
        for (int c = 0; c < count; c++) {
            out[c] = random(rnd, n);
        }
        return out;
    }

    /** One column of {@code 2^logN} elements, transformed in place call after call. */
    @State(Scope.Benchmark)
    public static class NttInput {
        @Param({"java", "native-cpu"})
        String backend;

        @Param({"16", "18", "20", "22"})
        int logN;

        ProverBackend b;
        long[][] data;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            data = new long[][] {random(new SplittableRandom(1), 1 << logN)};
        }
    }

    /** A trace-commitment shape: 16 coefficient columns of 2^16, extended by 8. */
    @State(Scope.Benchmark)
    public static class LdeInput {
        @Param({"java", "native-cpu"})
        String backend;

        ProverBackend b;
        long[][] coefficients;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            coefficients = randomColumns(new SplittableRandom(2), 16, 1 << 16);
        }
    }

    /** The prover's commitment to a 2^13-row trace of 130 columns: an extension of 2^16 rows by 8, its tree. */
    @State(Scope.Benchmark)
    public static class CommitInput {
        @Param({"java", "native-cpu"})
        String backend;

        ProverBackend b;
        long[][] coefficients;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            coefficients = randomColumns(new SplittableRandom(5), 130, 1 << 13);
        }
    }

    /** A Merkle tree of {@code 2^logRows} rows of 8 elements: leaf hashing and the layers up to a cap of 16. */
    @State(Scope.Benchmark)
    public static class MerkleInput {
        @Param({"java", "native-cpu"})
        String backend;

        @Param({"16", "20"})
        int logRows;

        ProverBackend b;
        long[][] columns;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            columns = randomColumns(new SplittableRandom(3), 8, 1 << logRows);
        }
    }

    /** One FRI round folding a codeword of 2^19 extension elements by 8. */
    @State(Scope.Benchmark)
    public static class FoldInput {
        @Param({"java", "native-cpu"})
        String backend;

        ProverBackend b;
        long[] c0;
        long[] c1;
        long[] xInverses;
        Ext2 beta;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            SplittableRandom rnd = new SplittableRandom(4);
            c0 = random(rnd, 1 << 19);
            c1 = random(rnd, 1 << 19);
            xInverses = random(rnd, 1 << 16);
            beta = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
        }
    }

    /**
     * The DEEP codeword over the commitments of a 2^13-row proof (setup-like 40 and witness-like
     * 130 columns, extended by 8 to 2^16 rows, kept by the back end as the prover's are), with
     * the first two witness columns opened at the next row as well.
     */
    @State(Scope.Benchmark)
    public static class DeepInput {
        @Param({"java", "native-cpu"})
        String backend;

        ProverBackend b;
        Arena arena;
        List<ColumnMatrix> matrices;
        long[] weights0;
        long[] weights1;
        Ext2[] values;

        @Setup
        public void setup() {
            b = ProverBackends.select(backend);
            SplittableRandom rnd = new SplittableRandom(6);
            arena = Arena.ofShared();
            matrices = List.of(b.commit(randomColumns(rnd, 40, 1 << 13), 3, Goldilocks.GENERATOR, 4, arena, () -> { }).lde(),
                    b.commit(randomColumns(rnd, 130, 1 << 13), 3, Goldilocks.GENERATOR, 4, arena, () -> { }).lde());
            weights0 = random(rnd, 170);
            weights1 = random(rnd, 170);
            values = new Ext2[4];
            for (int i = 0; i < values.length; i++) {
                values[i] = new Ext2(Goldilocks.canonical(rnd.nextLong()), Goldilocks.canonical(rnd.nextLong()));
            }
        }

        @TearDown
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public long[][] deepCodeword(DeepInput in) {
        return in.b.deepCodeword(in.matrices, new int[] {40, 130}, in.weights0, in.weights1, in.matrices.get(1), 2,
                Arrays.copyOf(in.weights0, 2), Arrays.copyOf(in.weights1, 2), Goldilocks.GENERATOR, in.values[0],
                in.values[1], in.values[2], in.values[3]);
    }

    @Benchmark
    public long[][] nttForward(NttInput in) {
        in.b.ntt().forwardBatch(in.data);
        return in.data;
    }

    @Benchmark
    public long[][] cosetLde(LdeInput in) {
        return in.b.ntt().cosetLde(in.coefficients, 3, Goldilocks.GENERATOR);
    }

    @Benchmark
    public long[][] commit(CommitInput in) {
        // a pooled arena per call, as a proof has: the blocks are reused from call to call
        try (Arena arena = PooledArena.shared()) {
            return in.b.commit(in.coefficients, 3, Goldilocks.GENERATOR, 4, arena, () -> { }).layers();
        }
    }

    @Benchmark
    public long[][] merkleTree(MerkleInput in) {
        return in.b.merkleHasher().buildLayers(in.b.merkleHasher().hashRows(in.columns), 4);
    }

    @Benchmark
    public long[][] friFold(FoldInput in) {
        return in.b.friFolder().fold(in.c0, in.c1, in.xInverses, 3, in.beta);
    }
}
