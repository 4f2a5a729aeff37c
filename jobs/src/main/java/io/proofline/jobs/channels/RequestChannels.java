package io.proofline.jobs.channels;

/** Names of the partition request channels, one per remotely partitioned step. */
public final class RequestChannels {

    public static final String BASIC_WITNESS_GENERATION = "basicWitnessGenerationRequests";
    public static final String PROVE_BASE_CIRCUITS = "proveBaseCircuitsRequests";
    public static final String AGGREGATE = "aggregateRequests";

    private RequestChannels() {
    }
}
