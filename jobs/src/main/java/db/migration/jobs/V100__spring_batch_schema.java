package db.migration.jobs;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Spring Batch's job repository tables, from the PostgreSQL script that ships in
 * spring-batch-core. Run as a versioned migration so that many processes starting at once
 * (orchestrator and workers) create them exactly once, under Flyway's lock.
 */
public class V100__spring_batch_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        var populator = new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
        populator.execute(new SingleConnectionDataSource(context.getConnection(), true));
    }
}
