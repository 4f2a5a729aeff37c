package io.proofline.steps.data;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the {@code prover_*} tables up to date. They keep their own Flyway history table so that
 * they can live in the core's database; a schema that already holds other tables is baselined
 * at version 0, so that every prover migration still runs.
 */
public final class ProverMigrations {

    public static final String LOCATION = "classpath:db/migration/prover";
    public static final String HISTORY_TABLE = "prover_schema_history";

    private ProverMigrations() {
    }

    /** @return how many migrations ran */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /** The Flyway set up for the prover's migrations, e.g. to {@code validate()} or {@code info()}. */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }
}
