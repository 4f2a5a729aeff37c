package io.proofline.bench;

import io.proofline.backend.ProverBackend;
import io.proofline.field.Goldilocks;
import io.proofline.merkle.MerkleTree;
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

/**
 * Time to build a Merkle tree (leaf hashing plus inner nodes, cap of 16) over {@code 2^logRows}
 * rows of 8 elements with the Java backend on every core. A row of 8 is one sponge permutation,
 * so the tree costs about {@code 2 * 2^logRows} permutations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class MerkleBenchmark {

    @Param({"16", "20"})
    public int logRows;

    private long[][] columns;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(13);
        columns = new long[8][1 << logRows];
        for (long[] column : columns) {
            for (int i = 0; i < column.length; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
    }

    @Benchmark
    public MerkleTree build() {
        return MerkleTree.build(columns, 4, ProverBackend.java().merkleHasher());
    }
}
