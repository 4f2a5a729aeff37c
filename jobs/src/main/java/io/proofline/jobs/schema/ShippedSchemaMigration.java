package io.proofline.jobs.schema;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A versioned migration that runs a PostgreSQL schema script shipped inside a framework's jar
 * (Spring Batch, Spring Integration, Spring Cloud Task). Run through Flyway rather than the
 * frameworks' own initializers so that many processes starting at once (orchestrator and
 * workers) create the tables exactly once, under Flyway's lock, and the schema's history is
 * in one place.
 */
public abstract class ShippedSchemaMigration extends BaseJavaMigration {

    private final String script;

    /** @param script the script's classpath location */
    protected ShippedSchemaMigration(String script) {
        this.script = script;
    }

    @Override
    public void migrate(Context context) {
        new ResourceDatabasePopulator(new ClassPathResource(script))
                .execute(new SingleConnectionDataSource(context.getConnection(), true));
    }
}
