package io.proofline.storage.tables;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the {@code prover_*} tables up to date. The prover's one Flyway configuration
 * ({@link #configure}): its own history table, {@value #HISTORY_TABLE}, so that it can share a
 * database with the core (whose history is {@code core_schema_history}); a schema that already
 * holds other tables (the core's) is baselined at version 0, so that every prover migration still
 * runs. The prover application adds its job repository and channel migrations to the same history
 * ({@code io.proofline.jobs.schema.ProverSchema}).
 */
public final class ProverMigrations {

    public static final String LOCATION = "classpath:db/migration/prover";
    public static final String HISTORY_TABLE = "prover_schema_history";
    /** Below every migration: baselining a schema that holds another application's tables skips none of ours. */
    public static final String BASELINE_VERSION = "0";

    private ProverMigrations() {
    }

    /** @return how many migrations ran; processes migrating together take turns ({@link SerialMigrations}) */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = SerialMigrations.migrate(flyway(dataSource));
        return result.migrationsExecuted;
    }

    /** The Flyway set up for the prover's migrations, e.g. to {@code validate()} or {@code info()}. */
    public static Flyway flyway(DataSource dataSource) {
        return configure(Flyway.configure()).dataSource(dataSource).locations(LOCATION).load();
    }

    /**
     * The history table and baseline every Flyway run on the prover's tables uses, whatever its
     * locations. Out of order: the prover tables' migrations (V1 on) and the job repository's
     * (V100 on) share the history, so a new prover table migration (V4) lands below versions a
     * deployed database has applied already; it must run there, not stop the start.
     */
    public static FluentConfiguration configure(FluentConfiguration flyway) {
        return flyway.table(HISTORY_TABLE).baselineOnMigrate(true).baselineVersion(BASELINE_VERSION).outOfOrder(true);
    }
}
