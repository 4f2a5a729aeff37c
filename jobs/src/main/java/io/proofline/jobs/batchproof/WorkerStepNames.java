package io.proofline.jobs.batchproof;

/** The worker steps' names: partition requests name the step the worker must run. */
final class WorkerStepNames {

    static final String BASIC_WITNESS_GENERATION = "basicWitnessGenerationWorker";
    static final String PROVE_BASE_CIRCUITS = "proveBaseCircuitsWorker";
    static final String AGGREGATE = "aggregateWorker";

    private WorkerStepNames() {
    }
}
