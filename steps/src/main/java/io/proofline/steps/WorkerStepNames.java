package io.proofline.steps;

/**
 * The worker steps' names: a partition request names the step the worker must run, so the
 * orchestrator's manager steps and the workers' steps agree on these.
 */
public final class WorkerStepNames {

    public static final String BASIC_WITNESS_GENERATION = "basicWitnessGenerationWorker";
    public static final String PROVE_BASE_CIRCUITS = "proveBaseCircuitsWorker";
    /** Serves the leaf, node and scheduler partitions alike: the partition's context names its proof. */
    public static final String AGGREGATION_PROOF = "aggregationProofWorker";

    private WorkerStepNames() {
    }
}
