package io.proofline.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The core's gauges: {@code proofline_core_batches{status}}, batches per proving status (sealed,
 * picked, proven), counted when scraped. A failed count (database down) shows as NaN.
 */
@Component
final class CoreMetrics implements MeterBinder {

    static final List<String> STATUSES = List.of("sealed", "picked", "proven");

    private final JdbcClient jdbc;

    CoreMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : STATUSES) {
            Gauge.builder("proofline.core.batches", this, m -> m.count(status))
                    .description("sealed batches in each proving status").tag("status", status).register(registry);
        }
    }

    private double count(String status) {
        try {
            return jdbc.sql("SELECT count(*) FROM core_batches WHERE status = :status").param("status", status)
                    .query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
