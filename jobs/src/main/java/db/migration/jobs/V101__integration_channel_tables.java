package db.migration.jobs;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Spring Integration's JDBC message store tables (the channel message table the PostgreSQL
 * channels use), from the script in spring-integration-jdbc. The notify trigger that push
 * delivery needs is left commented out there; V102 adds it.
 */
public class V101__integration_channel_tables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        var populator = new ResourceDatabasePopulator(new ClassPathResource("org/springframework/integration/jdbc/schema-postgresql.sql"));
        populator.execute(new SingleConnectionDataSource(context.getConnection(), true));
    }
}
