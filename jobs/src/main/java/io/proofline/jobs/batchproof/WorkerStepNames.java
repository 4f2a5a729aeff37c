package io.proofline.jobs.batchproof;

/** The worker steps' names: partition requests name the step the worker must run. */
final class WorkerStepNames {

    static final String BASIC_WITNESS_GENERATION = "basicWitnessGenerationWorker";
    static final String PROVE_BASE_CIRCUITS = "proveBaseCircuitsWorker";
    /** Serves the leaf, node and scheduler partitions alike: the partition's context names its proof. */
    static final String AGGREGATION_PROOF = "aggregationProofWorker";

    private WorkerStepNames() {
    }
}
