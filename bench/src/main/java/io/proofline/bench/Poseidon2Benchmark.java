package io.proofline.bench;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Poseidon2;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Poseidon2 (width 12) permutations per second on one thread, in operations per microsecond
 * (multiply by 10^6 for per second). The state is fed back into the next permutation, as in a
 * sponge, so the JIT cannot skip work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Poseidon2Benchmark {

    private long[] state;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(11);
        state = new long[Poseidon2.WIDTH];
        for (int i = 0; i < state.length; i++) {
            state[i] = Goldilocks.canonical(rnd.nextLong());
        }
    }

    @Benchmark
    public long[] permute() {
        Poseidon2.permute(state);
        return state;
    }
}
