package io.proofline.bench;

import io.proofline.field.Goldilocks;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.CircuitBuilder;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.PlonkishProof;
import io.proofline.plonkish.PlonkishProver;
import io.proofline.plonkish.PlonkishVerifier;
import io.proofline.plonkish.ProofCodec;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.ProverMemory;
import io.proofline.plonkish.ProverStages;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.Variable;
import io.proofline.plonkish.WitnessVector;
import java.lang.management.ManagementFactory;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plonkish prover and verifier at 100 bits of conjectured security (LDE factor 8, 16 proof-of-work bits),
 * on circuits that fill {@code 2^logRows} rows of the standard geometry with a Poseidon2 hash
 * chain, multiply-adds and range checks. Prints a table: time to prove (witness already
 * resolved, setup already made) and verify, proof size, prover time per trace cell and core,
 * how many cores the prover kept busy on average (process CPU time over wall time; GC threads
 * count too), and memory: the peak heap during proving, the memory off heap after it (the
 * setup's extension and the blocks the proof's extensions took, which its pool keeps for the next
 * proof) and, on Linux, the process's peak resident set during proving (heap, off heap, code and
 * all). Time per useful cell divides by the cells the
 * circuit assigns ({@link Circuit#assignedCells()}) instead of all rows times columns. A second
 * table splits the fastest run by stage ({@link ProverStages}).
 *
 * <p>Arguments: the log2 row counts to measure (default 14 16 18). Each size is proved once to
 * warm up and then timed over the best of {@code PROOFLINE_BENCH_REPEATS} runs (default 2), at
 * LDE factor 8 ({@link ProverConfig#standard()}, 28 queries) and at LDE factor 2
 * ({@link ProverConfig#ldeFactor2()}, 84 queries). {@code PROOFLINE_BENCH_PARAMS=standard},
 * {@code lde4} ({@link ProverConfig#ldeFactor4()}, 42 queries), {@code lde2} or {@code proven}
 * ({@link ProverConfig#provenQueries()}: 58 queries, 100 proven bits for the FRI query phase)
 * measures one of them only. {@code PROOFLINE_BENCH_WARMUP=false}
 * skips the warm-up proof, for sizes whose proofs take long enough that compilation is a small
 * part of the first one, or where a slow back end's warm-up would not fit the time at hand.
 */
public final class ProverBench {

    private ProverBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {14, 16, 18} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.parseInt(System.getenv().getOrDefault("PROOFLINE_BENCH_REPEATS", "2"));
        if (repeats < 1) {
            throw new IllegalArgumentException("PROOFLINE_BENCH_REPEATS must be at least 1, got " + repeats);
        }
        boolean warmUp = !"false".equals(System.getenv().getOrDefault("PROOFLINE_BENCH_WARMUP", "true"));
        String params = System.getenv().getOrDefault("PROOFLINE_BENCH_PARAMS", "");
        List<ProverConfig> configs = params.isEmpty() ? List.of(ProverConfig.standard(), ProverConfig.ldeFactor2())
                : List.of(BenchParams.named("PROOFLINE_BENCH_PARAMS", params));
        int cores = Runtime.getRuntime().availableProcessors();
        for (ProverConfig config : configs) {
            System.out.printf("LDE x%d: %d queries, %d PoW bits: %d bits of conjectured security, %d proven for the FRI query phase%n",
                    config.fri().ldeFactor(), config.fri().numQueries(), config.fri().powBits(), config.securityBits(),
                    config.fri().provenQueryBits());
        }
        System.out.printf("%d cores, backend %s%n", cores, configs.getFirst().backend().name());
        System.out.printf("%-8s %-5s %-10s %-10s %-10s %-10s %-11s %-14s %-16s %-12s %-12s %-12s %-12s%n", "rows", "LDE", "cells", "useful",
                "prove ms", "verify ms", "proof KB", "us/cell/core", "us/useful/core", "cores busy", "peak heap MB",
                "off-heap MB", "peak RSS MB");
        Map<String, Map<String, Long>> stagesBySize = new LinkedHashMap<>();
        for (int logRows : sizes) {
            for (ProverConfig config : configs) {
                stagesBySize.put("2^" + logRows + " x" + config.fri().ldeFactor(), measure(logRows, config, repeats, warmUp, cores));
            }
        }
        StageTable.print("\nper stage, ms (share of the proof), fastest run", stagesBySize, configs.getFirst().backend().name());
    }

    /** One row of the table; returns the fastest run's stages. */
    private static Map<String, Long> measure(int logRows, ProverConfig config, int repeats, boolean warmUp, int cores) {
        Map<String, Long> fastestStages = Map.of();
        Geometry geometry = Geometry.standard(logRows);
        // a size too large for this heap stops here, before its circuit and setup are made
        ProverMemory.require(geometry, config.fri(), Runtime.getRuntime().maxMemory());
        Circuit circuit = fill(geometry);
        SetupData setup = Setup.generate(circuit, config);
        WitnessVector witness = circuit.resolve(inputs(circuit.inputCount()));
        PlonkishProver prover = new PlonkishProver(config);
        // the warm-up also checks that the witness satisfies the circuit; the verifier below
        // checks the last timed proof either way
        PlonkishProof proof = warmUp ? prover.prove(circuit, setup, witness) : null;
        long best = Long.MAX_VALUE;
        long bestCpu = 0;
        long peak = 0;
        long peakRss = -1;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            resetPeaks();
            ResidentSet.resetPeak();
            ProverStages stages = new ProverStages();
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            proof = prover.proveUnchecked(setup, witness, stages);
            long elapsed = System.nanoTime() - t;
            if (elapsed < best) {
                best = elapsed;
                bestCpu = processCpuNanos() - cpu;
                fastestStages = stages.nanos();
            }
            peak = Math.max(peak, heapPeak());
            peakRss = Math.max(peakRss, ResidentSet.peakBytes());
        }
        long offHeap = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long verifyBest = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t = System.nanoTime();
            PlonkishVerifier.verify(setup.key(), witness.publicInputs(), proof);
            verifyBest = Math.min(verifyBest, System.nanoTime() - t);
        }
        long cells = (long) geometry.rows() * (geometry.copyColumns() + geometry.witnessColumns());
        long useful = circuit.assignedCells();
        int size = ProofCodec.encode(proof).length;
        System.out.printf("2^%-6d x%-4d %-10d %-10d %-10.0f %-10.1f %-11.1f %-14.3f %-16.3f %-12.2f %-12d %-12d %-12s%n", logRows,
                config.fri().ldeFactor(), cells, useful, best / 1e6, verifyBest / 1e6, size / 1024.0, best / 1e3 * cores / cells,
                best / 1e3 * cores / useful, (double) bestCpu / best, peak >> 20, offHeap >> 20,
                peakRss < 0 ? "n/a" : Long.toString(peakRss >> 20));
        return fastestStages;
    }

    /** A circuit of the given geometry with nearly every row used. */
    static Circuit fill(Geometry geometry) {
        CircuitBuilder b = new CircuitBuilder(geometry);
        Variable[] state = b.inputs(12);
        Variable acc = b.input();
        int margin = 16;
        while (b.rowsUsed() < geometry.rows() - margin) {
            state = b.poseidon2(state);
            for (int i = 0; i < 6; i++) {
                acc = b.fma(1, acc, state[i], 1, state[i + 6]);
            }
            b.rangeCheck(b.fma(0, acc, acc, 1, b.constant(255)), 8);
        }
        for (int i = 0; i < 4; i++) {
            b.publicInput(state[i]);
        }
        b.publicInput(acc);
        return b.build();
    }

    private static long[] inputs(int count) {
        long[] in = new long[count];
        for (int i = 0; i < count; i++) {
            in[i] = Goldilocks.canonical(0x9E3779B97F4A7C15L * (i + 1));
        }
        return in;
    }

    /** CPU time of every thread of this process so far (the prover's pool included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
