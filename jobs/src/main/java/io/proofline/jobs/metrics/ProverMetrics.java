package io.proofline.jobs.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.proofline.jobs.housekeeper.JobRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's gauges, read from the prover tables and the job repository when scraped (one
 * read serves a scrape: the report is kept for a second). A read that fails (database down)
 * shows as NaN rather than failing the scrape.
 */
public final class ProverMetrics implements MeterBinder {

    private static final System.Logger LOG = System.getLogger(ProverMetrics.class.getName());
    private static final Duration KEEP = Duration.ofSeconds(1);

    private final QueueReader reader;
    private final JobRecords records;
    private final int maxAttempts;
    private QueueReport last;

    public ProverMetrics(QueueReader reader, JobRecords records, int maxAttempts) {
        this.reader = reader;
        this.records = records;
        this.maxAttempts = maxAttempts;
    }

    /** The queue report, read again if the last one is older than a second. */
    public synchronized QueueReport report() {
        if (last == null || last.at().plus(KEEP).isBefore(Instant.now())) {
            last = reader.read();
        }
        return last;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String[] key : QueueReader.keys()) {
            String stage = key[0];
            String type = key[1];
            gauge(registry, "proofline.queue.queued", "work waiting for a worker", stage, type,
                    r -> r.row(stage, type).queued(), null);
            gauge(registry, "proofline.queue.in.progress", "work being done", stage, type,
                    r -> r.row(stage, type).inProgress(), null);
            gauge(registry, "proofline.queue.oldest.age", "age of the longest-waiting queued work (0: none)", stage, type,
                    r -> {
                        Instant oldest = r.row(stage, type).oldest();
                        return oldest == null ? 0 : Duration.between(oldest, r.at()).toMillis() / 1000.0;
                    }, "seconds");
        }
        Gauge.builder("proofline.oldest.unproven.batch.age", reader, r -> safely(r::oldestUnprovenBatchAgeSeconds))
                .description("age of the oldest batch received and not yet submitted (0: none)").baseUnit("seconds")
                .register(registry);
        Gauge.builder("proofline.jobs.at.max.attempts", records, r -> safely(() -> r.jobsAtMaxAttempts(maxAttempts)))
                .description("batchProof jobs left failed after proofline.house-keeper.failed-jobs.max-attempts executions")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String stage, String type,
                       ToDoubleFunction<QueueReport> value, String unit) {
        Gauge.builder(name, this, m -> safely(() -> value.applyAsDouble(m.report())))
                .description(description).tag("stage", stage).tag("circuit_type", type).baseUnit(unit)
                .register(registry);
    }

    private static double safely(java.util.function.DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "metrics read failed: " + e.getMessage());
            return Double.NaN;
        }
    }
}
