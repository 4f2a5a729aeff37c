package io.proofline.bench;

import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregatedProofVerifier;
import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.aggregation.AggregationProver;
import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProver;
import io.proofline.circuits.witness.BatchExecution;
import io.proofline.plonkish.ProverConfig;
import io.proofline.recursion.RecursivePlonkishVerifier;
import java.util.Arrays;
import java.util.List;

/**
 * Recursive aggregation: what a batch's single proof costs and whether it is succinct. For each
 * batch size (default 16 and 1000 transfers among 200 funded accounts), at 100 bits
 * (conjectured) and the given capacities (default production): base proving time, each
 * aggregation layer's time, the share of the batch's proving time spent aggregating, the final
 * proof's size and the time to verify it (median of 11 runs, as the core does), next to the
 * bundle of base proofs it replaces. Also the rows one in-circuit verification takes, by part.
 * Key generation comes first and is not counted. {@code PROOFLINE_BENCH_BASE_PARAMS=lde2} proves
 * the base circuits at LDE 2 ({@link ProverConfig#ldeFactor2()}, 84 queries), {@code lde4} at LDE 4
 * ({@link ProverConfig#ldeFactor4()}, 42 queries), under recursion
 * layers at LDE 8, to weigh the faster base proofs against the larger leaves that verify them
 * ({@link BenchParams}: {@code proven} too).
 */
public final class AggregationBench {

    private AggregationBench() {
    }

    public static void main(String[] args) {
        String capsName = args.length > 0 ? args[0] : "production";
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {16, 1000};
        ProverConfig config = ProverConfig.standard();
        ProverConfig baseConfig = BenchParams.named("PROOFLINE_BENCH_BASE_PARAMS",
                System.getenv().getOrDefault("PROOFLINE_BENCH_BASE_PARAMS", "standard"));
        CircuitCapacities caps = CircuitCapacities.named(capsName);
        long t0 = System.nanoTime();
        BaseCircuitKeys base = BaseCircuitKeys.generate(caps, baseConfig);
        long t1 = System.nanoTime();
        AggregationKeys keys = AggregationKeys.generate(base, config);
        long t2 = System.nanoTime();
        System.out.printf("%s capacities, %d bits (conjectured), %d cores; base proofs at LDE %d (%d queries), recursion at LDE %d"
                + " (%d queries)%n", capsName, config.securityBits(), Runtime.getRuntime().availableProcessors(),
                baseConfig.fri().ldeFactor(), baseConfig.fri().numQueries(), config.fri().ldeFactor(), config.fri().numQueries());
        System.out.printf("key generation: base %.1f s, recursion %.1f s; leaves and node 2^%d rows, scheduler 2^%d rows%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, keys.logRows(), keys.scheduler().circuit().geometry().logRows());
        System.out.printf("%-34s %-11s %-9s %-12s %-8s %-7s %-6s%n", "rows of one in-circuit verification", "transcript",
                "identity", "tree paths", "DEEP", "FRI", "total");
        rows("base " + CircuitType.TRANSFER_EXECUTION.label + " proof (leaf)", keys.leaf(CircuitType.TRANSFER_EXECUTION).check().rows());
        rows("base " + CircuitType.STORAGE_APPLICATION.label + " proof (leaf)", keys.leaf(CircuitType.STORAGE_APPLICATION).check().rows());
        rows("leaf or node proof (node)", keys.node().check().rows());
        rows("leaf or node proof (scheduler)", keys.scheduler().check().rows());

        AggregationProver aggregator = new AggregationProver(base, keys);
        AggregatedProofVerifier verifier = new AggregatedProofVerifier(keys.scheduler().key(), keys.leafKey(CircuitType.TRANSFER_EXECUTION),
                keys.leafKey(CircuitType.STORAGE_APPLICATION), keys.nodeKey(), config.securityBits());
        System.out.printf("%n%-6s %-9s %-8s %-9s %-8s %-8s %-8s %-7s %-10s %-10s %-11s %-10s%n", "txs", "base pf", "base s",
                "recursion", "leaf s", "node s", "sched s", "aggr %", "proof KB", "verify ms", "bundle KB", "bundle ms");
        for (int n : sizes) {
            BatchExecution.SealedBatch batch = TransferBatches.of(n);
            BatchProver prover = new BatchProver(base, baseConfig);
            long start = System.nanoTime();
            BatchProof bundle = prover.proveBatch(batch.witnessInput());
            long baseNanos = System.nanoTime() - start;
            AggregationProver.Result result = aggregator.prove(bundle);
            int recursionProofs = result.plan().proofs().size() + 1;
            long aggregation = result.leafNanos() + result.nodeNanos() + result.schedulerNanos();
            byte[] bytes = AggregatedBatchProofCodec.encode(result.proof());
            double verifyMs = median(() -> verifier.verify(batch.header(), AggregatedBatchProofCodec.decode(bytes)));
            byte[] bundleBytes = BatchProofCodec.encode(bundle);
            io.proofline.circuits.batch.BatchProofVerifier bundleVerifier =
                    new io.proofline.circuits.batch.BatchProofVerifier(base.verificationKeys());
            double bundleMs = median(() -> bundleVerifier.verify(batch.header(), BatchProofCodec.decode(bundleBytes)));
            System.out.printf("%-6d %-9d %-8.1f %-9d %-8.1f %-8.1f %-8.1f %-7.0f %-10.1f %-10.1f %-11.1f %-10.1f%n", n,
                    bundle.proofs().size(), baseNanos / 1e9, recursionProofs, result.leafNanos() / 1e9, result.nodeNanos() / 1e9,
                    result.schedulerNanos() / 1e9, 100.0 * aggregation / (aggregation + baseNanos), bytes.length / 1024.0, verifyMs,
                    bundleBytes.length / 1024.0, bundleMs);
        }
    }

    private static void rows(String what, RecursivePlonkishVerifier.Rows r) {
        System.out.printf("%-34s %-11d %-9d %-12d %-8d %-7d %-6d%n", what, r.transcript(), r.identity(), r.treeOpenings(), r.deep(),
                r.fri(), r.total());
    }

    /** Median milliseconds of 11 runs after 3 warm-up runs. */
    private static double median(Runnable run) {
        for (int i = 0; i < 3; i++) {
            run.run();
        }
        double[] ms = new double[11];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
