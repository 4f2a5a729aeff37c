package io.proofline.jobs.channels;

/** Names of the partition request channels, one per remotely partitioned step. */
public final class RequestChannels {

    public static final String BASIC_WITNESS_GENERATION = "basicWitnessGenerationRequests";
    public static final String PROVE_BASE_CIRCUITS = "proveBaseCircuitsRequests";
    /** Leaf, node and scheduler partitions, one channel for the three aggregation stages. */
    public static final String AGGREGATION_PROOFS = "aggregationProofRequests";

    private RequestChannels() {
    }
}
