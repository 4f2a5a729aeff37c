package io.proofline.cli;

import io.proofline.jobs.schema.BatchTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/** Where the prover's database is: the prover's own defaults, or its environment variables, or options. */
final class DatabaseOptions {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/proofline_prover";

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            defaultValue = "${env:SPRING_DATASOURCE_URL:-" + DEFAULT_URL + "}",
            description = "the prover's database (default: $SPRING_DATASOURCE_URL or ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--user", defaultValue = "${env:SPRING_DATASOURCE_USERNAME:-postgres}",
            description = "database user (default: $SPRING_DATASOURCE_USERNAME or postgres)")
    String user;

    @Option(names = "--password", defaultValue = "${env:SPRING_DATASOURCE_PASSWORD:-}",
            description = "database password (default: $SPRING_DATASOURCE_PASSWORD or none)")
    String password;

    @Option(names = "--batch-table-prefix", paramLabel = "PREFIX", defaultValue = "${env:SPRING_BATCH_JDBC_TABLE_PREFIX:-BATCH_}",
            description = "the prefix of Spring Batch's tables (default: $SPRING_BATCH_JDBC_TABLE_PREFIX or BATCH_;"
                    + " BOOT3_BATCH_ in a Spring Cloud Data Flow database, the prover's scdf profile)")
    String batchTablePrefix;

    /**
     * Connects once to check the database is there and holds the prover's tables.
     *
     * @throws CliFailure with {@link ExitCodes#DATABASE} if not
     */
    ProverDatabase open() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setURL(url);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "--database-url " + url + " is not a PostgreSQL JDBC URL");
        }
        BatchTables tables;
        try {
            tables = new BatchTables(batchTablePrefix);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "--batch-table-prefix: " + e.getMessage());
        }
        ds.setUser(user);
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setConnectTimeout(5);
        ds.setLoginTimeout(5);
        try (Connection c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery(tables.sql(
                     "SELECT to_regclass('prover_batches') IS NOT NULL, to_regclass('batch_job_instance') IS NOT NULL"))) {
            rs.next();
            if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                throw new CliFailure(ExitCodes.DATABASE, "the database at " + url + " has no prover tables"
                        + " (prover_batches and Spring Batch's " + tables.prefix().toLowerCase(Locale.ROOT) + "job_*): is it the"
                        + " prover's database (see --batch-table-prefix)? The prover creates them when it first starts");
            }
        } catch (SQLException e) {
            throw new CliFailure(ExitCodes.DATABASE, "cannot reach the prover's database at " + url + " as " + user + ": "
                    + e.getMessage().lines().findFirst().orElse("") + " (see --database-url, --user, --password)");
        }
        return new ProverDatabase(ds, tables);
    }
}
