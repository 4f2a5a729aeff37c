package io.proofline.jobs.housekeeper;

import io.micrometer.core.instrument.MeterRegistry;
import io.proofline.jobs.ConditionalOnRole;
import io.proofline.jobs.Role;
import io.proofline.jobs.batchproof.BatchJobLauncher;
import io.proofline.jobs.batchproof.StalePartitionRecovery;
import io.proofline.jobs.config.JobsProperties;
import io.proofline.jobs.schema.BatchTables;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.tables.AggregationProofsDal;
import io.proofline.storage.tables.CircuitInstancesDal;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The house keeper role: its lock, its tasks and their schedule. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.HOUSE_KEEPER)
@EnableScheduling
public class HouseKeeperConfiguration {

    /** Names of the worker steps' partitions, {@code <worker step>:partition<n>}. */
    static final String WITNESS_PARTITIONS = "basicWitnessGenerationWorker:";
    /** Every remote partition's worker step, whatever its stage: {@code <stage>Worker:<partition>} (a SQL LIKE prefix). */
    static final String ANY_PARTITION = "%Worker:";

    @Bean(destroyMethod = "close")
    HouseKeeperLock houseKeeperLock(DataSource dataSource, HouseKeeperProperties settings) {
        return new HouseKeeperLock(dataSource, settings.lockKey());
    }

    @Bean
    HouseKeeper houseKeeper(HouseKeeperLock lock, HouseKeeperProperties settings, JobsProperties properties,
                            CircuitInstancesDal instances, AggregationProofsDal aggregationProofs,
                            JobRepository repository, JobOperator operator, JdbcClient jdbc, BatchTables tables,
                            ObjectStore store, ObjectProvider<BatchJobLauncher> launcher, MeterRegistry meters) {
        JobRecords records = new JobRecords(jdbc, tables);
        return new HouseKeeper(lock, settings, properties.prover().heartbeatTimeout(),
                new StalePartitionRecovery(instances, aggregationProofs, repository),
                new StaleSteps(records, repository, "postgres".equals(properties.transport()), WITNESS_PARTITIONS, ANY_PARTITION),
                records, new JobActions(repository, operator, records, store), launcher::getIfAvailable, meters);
    }
}
