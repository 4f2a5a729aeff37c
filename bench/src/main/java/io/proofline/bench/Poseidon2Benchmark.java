package io.proofline.bench;

import io.proofline.field.Goldilocks;
import io.proofline.poseidon2.Poseidon2;
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

/**
 * Poseidon2 (width 12) permutations per second on one thread, in permutations per microsecond
 * (multiply by 10^6 for per second). States are fed back into the next call, as in a sponge, so
 * the JIT cannot skip work.
 *
 * <ul>
 *   <li>{@code permute}: one state at a time, the scalar path (transcripts, verifiers).
 *   <li>{@code permuteBatch}: {@value #BATCH} independent states per call, side by side on SIMD
 *       lanes when the Vector API is available (Merkle leaves and nodes).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Poseidon2Benchmark {

    static final int BATCH = 64;

    private long[] state;
    private long[] states;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(11);
        state = new long[Poseidon2.WIDTH];
        for (int i = 0; i < state.length; i++) {
            state[i] = Goldilocks.canonical(rnd.nextLong());
        }
        states = new long[BATCH * Poseidon2.WIDTH];
        for (int i = 0; i < states.length; i++) {
            states[i] = Goldilocks.canonical(rnd.nextLong());
        }
    }

    @Benchmark
    public long[] permute() {
        Poseidon2.permute(state);
        return state;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long[] permuteBatch() {
        Poseidon2.permuteBatch(states, BATCH);
        return states;
    }
}
