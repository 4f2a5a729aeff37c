package io.proofline.bench;

import io.proofline.field.Goldilocks;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Goldilocks multiplication throughput on one thread, reported as multiplications per
 * microsecond (multiply by 10^6 for per second).
 *
 * <p>{@code batchMul} is the form the prover uses: element-wise products of two 4096-element
 * arrays through {@link Goldilocks#mulBatch}, vectorized when the Vector API is present.
 * {@code scalarMul} is the same loop through the scalar {@link Goldilocks#mul}, the baseline.
 * {@code dependentMul} chains each product into the next, which measures latency. The fork adds
 * the Vector API module itself: without it {@code batchMul} silently runs the scalar loop.
 */
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FieldBenchmark {

    private static final int N = 4096;

    private long[] a;
    private long[] b;
    private long[] out;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        a = new long[N];
        b = new long[N];
        out = new long[N];
        for (int i = 0; i < N; i++) {
            a[i] = Goldilocks.canonical(rnd.nextLong());
            b[i] = Goldilocks.canonical(rnd.nextLong());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] batchMul() {
        Goldilocks.mulBatch(a, b, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] scalarMul() {
        for (int i = 0; i < N; i++) {
            out[i] = Goldilocks.mul(a[i], b[i]);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void dependentMul(Blackhole bh) {
        long acc = a[0];
        for (int i = 0; i < N; i++) {
            acc = Goldilocks.mul(acc, b[i]);
        }
        bh.consume(acc);
    }
}
