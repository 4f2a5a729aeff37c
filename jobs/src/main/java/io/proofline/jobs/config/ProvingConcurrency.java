package io.proofline.jobs.config;

import io.proofline.steps.proving.GpuProverPipeline;
import io.proofline.steps.proving.ProverPipeline;

/**
 * How a circuit-prover works on base proving partitions: how many it takes at once, and whether
 * they go through the GPU pipeline ({@code proofline.prover.gpu.*}). With the pipeline on, it
 * takes at least one partition for each place in the pipeline (one per witness vector thread, one
 * per queue slot, the one being proven), so that the prover finds a vector waiting whenever
 * partitions are queued; {@code proofline.prover.concurrent-partitions} is raised to that, and the
 * raise logged.
 *
 * @param partitions base proving partitions taken at once
 * @param pipeline whether vectors and proofs run on the pipeline's threads
 */
public record ProvingConcurrency(int partitions, boolean pipeline, int witnessVectorThreads, int queueLength) {

    private static final System.Logger LOG = System.getLogger(ProvingConcurrency.class.getName());

    public ProvingConcurrency {
        if (partitions < 1) {
            throw new IllegalArgumentException("proofline.prover.concurrent-partitions must be at least 1, got " + partitions);
        }
    }

    /** The concurrency of a worker with these settings proving on the back end of that name. */
    public static ProvingConcurrency of(JobsProperties.Prover settings, String backend) {
        JobsProperties.Gpu gpu = settings.gpu();
        if (!gpu.enabledFor(backend)) {
            return new ProvingConcurrency(settings.concurrentPartitions(), false, gpu.witnessVectorThreads(), gpu.queueLength());
        }
        int places = gpu.witnessVectorThreads() + gpu.queueLength() + 1;
        int partitions = settings.concurrentPartitions();
        if (partitions < places) {
            LOG.log(System.Logger.Level.INFO, "proofline.prover.concurrent-partitions raised from " + partitions + " to "
                    + places + " for the GPU pipeline (" + gpu.witnessVectorThreads() + " witness vector threads + a queue of "
                    + gpu.queueLength() + " + the one proving): fewer would leave the prover idle while partitions are queued");
            partitions = places;
        }
        return new ProvingConcurrency(partitions, true, gpu.witnessVectorThreads(), gpu.queueLength());
    }

    /** A new pipeline for these settings (the caller closes it): the GPU pipeline, or both phases inline. */
    public ProverPipeline newPipeline() {
        return pipeline ? new GpuProverPipeline(witnessVectorThreads, queueLength) : ProverPipeline.inline();
    }
}
