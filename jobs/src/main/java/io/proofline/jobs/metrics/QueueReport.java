package io.proofline.jobs.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Work per stage and circuit type, for autoscalers ({@code GET /queue_report}) and gauges.
 *
 * @param stages one row per stage and circuit type, every known pair present
 * @param at when it was read
 */
public record QueueReport(List<Row> stages, Instant at) {

    /**
     * @param stage {@code witness_generation}, {@code proving}, {@code aggregation} or {@code submission}
     * @param circuitType the circuit type's label for proving, {@code all} otherwise
     * @param queued waiting for a worker
     * @param inProgress being worked on
     * @param oldest when the longest-waiting queued item was queued, null when none waits
     */
    public record Row(String stage, String circuitType, long queued, long inProgress, Instant oldest) {
    }

    public Row row(String stage, String circuitType) {
        return stages.stream().filter(r -> r.stage().equals(stage) && r.circuitType().equals(circuitType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + stage + "/" + circuitType));
    }
}
