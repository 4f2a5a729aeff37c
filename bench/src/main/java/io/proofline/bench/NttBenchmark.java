package io.proofline.bench;

import io.proofline.field.Goldilocks;
import io.proofline.ntt.JavaNtt;
import io.proofline.ntt.Ntt;
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
 * Wall-clock time of one batched forward NTT ({@link Ntt#forwardBatch}, natural order in and
 * out) through {@link JavaNtt} using every available core, in milliseconds per call.
 *
 * <p>{@code columns = 1} is a single transform of {@code 2^logN} elements, split over the
 * threads inside the transform; {@code columns = 64} is the shape of a trace commitment, where
 * the columns are spread over the threads. Each call transforms the previous call's output in
 * place, which costs the same as fresh input. 64 columns of {@code 2^20} take 512 MiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector"})
public class NttBenchmark {

    @Param({"16", "18", "20"})
    int logN;

    @Param({"1", "64"})
    int columns;

    private final Ntt ntt = new JavaNtt();
    private long[][] data;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        data = new long[columns][1 << logN];
        for (long[] column : data) {
            for (int i = 0; i < column.length; i++) {
                column[i] = Goldilocks.canonical(rnd.nextLong());
            }
        }
    }

    @Benchmark
    public long[][] forwardBatch() {
        ntt.forwardBatch(data);
        return data;
    }
}
