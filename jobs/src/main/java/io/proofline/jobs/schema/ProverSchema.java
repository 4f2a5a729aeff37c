package io.proofline.jobs.schema;

import io.proofline.storage.tables.ProverMigrations;
import io.proofline.storage.tables.SerialMigrations;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The prover application's schema: the prover tables and the job repository, channel and task
 * tables ({@link #LOCATIONS}), in one Flyway history, {@value ProverMigrations#HISTORY_TABLE}, with
 * {@link ProverMigrations#configure}'s baseline. The same configuration whether the database is
 * the prover's own or shared with the core: no table and no history of the two collide.
 */
@Configuration(proxyBeanMethods = false)
public class ProverSchema {

    /** Where the prover application's migrations are. */
    public static final String[] LOCATIONS = {ProverMigrations.LOCATION, "classpath:db/migration/jobs"};

    /** More locations for one setting (the {@code scdf} profile's sequence), in {@code proofline.schema.extra-locations}. */
    static final String EXTRA_LOCATIONS = "proofline.schema.extra-locations";

    /**
     * Applied over {@code spring.flyway.*}: the history table, baseline and locations are not
     * settings, but for {@value #EXTRA_LOCATIONS}.
     */
    @Bean
    FlywayConfigurationCustomizer proverSchemaHistory(@Value("${" + EXTRA_LOCATIONS + ":}") String[] extraLocations) {
        return flyway -> {
            configure(flyway);
            if (extraLocations.length > 0) {
                flyway.locations(Stream.concat(Arrays.stream(LOCATIONS), Arrays.stream(extraLocations)).toArray(String[]::new));
            }
        };
    }

    /** Workers starting together on one database migrate it one after another ({@link SerialMigrations}). */
    @Bean
    FlywayMigrationStrategy serialMigrations() {
        return SerialMigrations::migrate;
    }

    /** The prover application's Flyway on {@code dataSource}, as it runs at startup (tools and tests). */
    public static Flyway flyway(DataSource dataSource) {
        return configure(Flyway.configure()).dataSource(dataSource).load();
    }

    private static FluentConfiguration configure(FluentConfiguration flyway) {
        return ProverMigrations.configure(flyway).locations(LOCATIONS);
    }
}
