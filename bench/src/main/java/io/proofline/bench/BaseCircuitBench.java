package io.proofline.bench;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BaseProof;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.witness.BasicWitnessGenerator;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.circuits.witness.CircuitInstance;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.ProverStages;
import io.proofline.plonkish.WitnessVector;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base circuit proving throughput: a batch of N transfers among 200 funded accounts, production
 * capacities, 100-bit parameters. N defaults to {@link #fullBatch}, a batch whose storage
 * instances are full and whose transfer instance is as full as that allows: an instance costs the
 * same full or nearly empty, so a smaller batch measures padding as much as transactions. Prints
 * per circuit type the instances, witness vector generation and proving time, the batch's
 * transactions proven per second per core and each stage's share of a proof
 * ({@link ProverStages}), for the batch proven twice in one process: the first pays for JIT
 * compilation and fresh memory, the second is what a long-running worker sees. Key generation is
 * done first and not counted.
 */
public final class BaseCircuitBench {

    private BaseCircuitBench() {
    }

    public static void main(String[] args) {
        ProverConfig config = ProverConfig.standard();
        CircuitCapacities caps = CircuitCapacities.production();
        int transfers;
        if (args.length > 0) {
            transfers = Integer.parseInt(args[0]);
        } else {
            transfers = fullBatch(caps);
            System.out.printf("%d transfers: at most one transfer instance's worth, their accesses filling whole storage instances"
                    + " (give a number of transfers to choose another batch)%n", transfers);
        }
        long t0 = System.nanoTime();
        BaseCircuitKeys keys = BaseCircuitKeys.generate(caps, config);
        System.out.printf("key generation: %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, caps);

        var batch = TransferBatches.of(transfers);

        BatchProver prover = new BatchProver(keys, config);
        // a worker proves batch after batch: the first batch also pays for compiling the code
        // and touching fresh memory, the second shows the steady state
        for (String pass : new String[] {"first batch (cold process)", "second batch (warm)"}) {
            proveBatch(prover, keys, caps, batch, transfers, pass, config.backend().name());
        }
    }

    /**
     * The most transfers, up to one transfer-execution instance's worth, whose accesses (two each)
     * fill whole storage-application instances; one instance's worth if none do.
     */
    static int fullBatch(CircuitCapacities caps) {
        int accesses = caps.accessesPerInstance();
        int step = accesses % 2 == 0 ? accesses / 2 : accesses;
        int full = caps.transactionsPerInstance() / step * step;
        return full > 0 ? full : caps.transactionsPerInstance();
    }

    private static void proveBatch(BatchProver prover, BaseCircuitKeys keys, CircuitCapacities caps,
                                   BatchExecution.SealedBatch batch, int transfers, String pass, String backend) {
        long start = System.nanoTime();
        List<CircuitInstance> instances = BasicWitnessGenerator.generate(batch.witnessInput(), caps).instances();
        long witnessGeneration = System.nanoTime() - start;
        Map<CircuitType, long[]> stats = new EnumMap<>(CircuitType.class);
        Map<CircuitType, Map<String, Long>> stages = new EnumMap<>(CircuitType.class);
        for (CircuitInstance instance : instances) {
            long t = System.nanoTime();
            WitnessVector witness = prover.witnessVector(instance);
            long vector = System.nanoTime() - t;
            t = System.nanoTime();
            ProverStages timer = new ProverStages();
            BaseProof proof = prover.prove(instance, witness, timer);
            long proving = System.nanoTime() - t;
            timer.nanos().forEach((stage, nanos) ->
                    stages.computeIfAbsent(instance.type(), k -> new LinkedHashMap<>()).merge(stage, nanos, Long::sum));
            long[] s = stats.computeIfAbsent(instance.type(), k -> new long[4]);
            s[0]++;
            s[1] += vector;
            s[2] += proving;
            s[3] += proof.proof().length;
        }
        long total = System.nanoTime() - start;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%s: %d transfers, %d instances, basic witness generation %.0f ms%n", pass, transfers,
                instances.size(), witnessGeneration / 1e6);
        System.out.printf("%-20s %-10s %-14s %-14s %-12s %-10s%n", "circuit", "instances", "vector ms/inst", "prove ms/inst",
                "rows", "proof KB");
        stats.forEach((type, s) -> System.out.printf("%-20s %-10d %-14.0f %-14.0f %-12s %-10.1f%n", type.label, s[0],
                s[1] / 1e6 / s[0], s[2] / 1e6 / s[0], "2^" + keys.circuit(type).geometry().logRows(), s[3] / 1024.0 / s[0]));
        System.out.printf("total %.1f s on %d cores: %.1f transactions proven per second per core%n", total / 1e9, cores,
                transfers / (total / 1e9) / cores);
        Map<String, Map<String, Long>> perProof = new LinkedHashMap<>();
        stages.forEach((type, byStage) -> {
            Map<String, Long> average = new LinkedHashMap<>();
            byStage.forEach((stage, nanos) -> average.put(stage, nanos / stats.get(type)[0]));
            perProof.put(type.label, average);
        });
        StageTable.print("per stage, ms per proof (share of the proof)", perProof, backend);
        System.out.println();
    }
}
