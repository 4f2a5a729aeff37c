package db.migration.jobs;

import io.proofline.jobs.schema.ShippedSchemaMigration;

/**
 * Spring Integration's JDBC message store tables (the channel message table the PostgreSQL
 * channels use), from the script in spring-integration-jdbc. The notify trigger that push
 * delivery needs is left commented out there; V102 adds it.
 */
public class V101__integration_channel_tables extends ShippedSchemaMigration {

    public V101__integration_channel_tables() {
        super("org/springframework/integration/jdbc/schema-postgresql.sql");
    }
}
