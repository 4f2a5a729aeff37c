package io.proofline.jobs.metrics;

import io.proofline.jobs.housekeeper.HouseKeeperProperties;
import io.proofline.jobs.housekeeper.JobRecords;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pipeline's metrics and queue report, in every process whatever its roles. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HouseKeeperProperties.class)
public class MetricsConfiguration {

    @Bean
    ProverMetrics proverMetrics(JdbcClient jdbc, HouseKeeperProperties houseKeeper) {
        return new ProverMetrics(new QueueReader(jdbc), new JobRecords(jdbc), houseKeeper.failedJobs().maxAttempts());
    }
}
