package io.proofline.jobs.schema;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where Spring Batch's job repository tables are: their prefix, {@code BATCH_} unless
 * {@code spring.batch.jdbc.table-prefix} says otherwise (SCDF keeps Boot 3 applications' under
 * {@code BOOT3_BATCH_}). The house keeper, the queue metrics and prover-cli read those tables with
 * SQL written against the default names; {@link #sql} renames them, so that one query serves both.
 *
 * @param prefix the table prefix, letters, digits and underscores
 */
public record BatchTables(String prefix) {

    /** Spring Batch's default prefix. */
    public static final BatchTables DEFAULT = new BatchTables("BATCH_");
    /** The property Spring Boot reads the prefix from. */
    public static final String PROPERTY = "spring.batch.jdbc.table-prefix";

    /** A job repository table as the queries write it: batch_job_... or batch_step_... */
    private static final Pattern TABLE = Pattern.compile("\\bbatch_((?:job|step)_\\w*)");

    public BatchTables {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException(PROPERTY + " must be letters, digits and underscores, got '" + prefix + "'");
        }
    }

    /** {@code sql} with every job repository table renamed under this prefix (PostgreSQL folds unquoted names to lower case). */
    public String sql(String sql) {
        return TABLE.matcher(sql).replaceAll(prefix.toLowerCase(Locale.ROOT) + "$1");
    }
}
