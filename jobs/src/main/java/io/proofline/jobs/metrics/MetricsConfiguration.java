package io.proofline.jobs.metrics;

import io.proofline.jobs.housekeeper.HouseKeeperProperties;
import io.proofline.jobs.housekeeper.JobRecords;
import io.proofline.jobs.schema.BatchTables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pipeline's metrics and queue report, in every process whatever its roles. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HouseKeeperProperties.class)
public class MetricsConfiguration {

    /** The job repository's table names, as the house keeper, the metrics and the reports read them. */
    @Bean
    BatchTables batchTables(@Value("${" + BatchTables.PROPERTY + ":BATCH_}") String prefix) {
        return new BatchTables(prefix);
    }

    @Bean
    ProverMetrics proverMetrics(JdbcClient jdbc, BatchTables tables, HouseKeeperProperties houseKeeper) {
        return new ProverMetrics(new QueueReader(jdbc, tables), new JobRecords(jdbc, tables), houseKeeper.failedJobs().maxAttempts());
    }
}
