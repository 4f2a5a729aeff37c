package io.proofline.steps.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Timings and counts recorded inside steps, through Micrometer's global registry (to which
 * Spring Boot adds its own), so that tasklets need no registry of their own.
 */
public final class StageMetrics {

    /** Stage durations, histogram: {@code stage} = witness_vector, queue_wait (on a pipelined GPU worker,
     * from vector ready to prover start), proving, aggregation; {@code circuit_type} (for aggregation and
     * its queue wait, the layer: leaf, node, scheduler). */
    public static final String STAGE_DURATION = "proofline.stage.duration";
    /** Base proofs made, {@code circuit_type}; its rate is proofs per second. */
    public static final String PROOFS = "proofline.proofs";

    private StageMetrics() {
    }

    public static void time(String stage, String circuitType, Duration duration) {
        Timer.builder(STAGE_DURATION).tag("stage", stage).tag("circuit_type", circuitType).publishPercentileHistogram()
                .description("time spent in a stage of one unit of work").register(Metrics.globalRegistry).record(duration);
    }

    public static void proofMade(String circuitType) {
        Counter.builder(PROOFS).tag("circuit_type", circuitType).description("base circuit proofs made")
                .register(Metrics.globalRegistry).increment();
    }
}
