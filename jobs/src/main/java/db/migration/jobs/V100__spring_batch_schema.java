package db.migration.jobs;

import io.proofline.jobs.schema.ShippedSchemaMigration;

/** Spring Batch's job repository tables, from the PostgreSQL script in spring-batch-core. */
public class V100__spring_batch_schema extends ShippedSchemaMigration {

    public V100__spring_batch_schema() {
        super("org/springframework/batch/core/schema-postgresql.sql");
    }
}
