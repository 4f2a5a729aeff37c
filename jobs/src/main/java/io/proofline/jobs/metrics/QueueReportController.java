package io.proofline.jobs.metrics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /queue_report}: queued and in-progress work per stage and circuit type, for autoscalers. */
@RestController
final class QueueReportController {

    private final ProverMetrics metrics;

    QueueReportController(ProverMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/queue_report")
    QueueReport queueReport() {
        return metrics.report();
    }
}
