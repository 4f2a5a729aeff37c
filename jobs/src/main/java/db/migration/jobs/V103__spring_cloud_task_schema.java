package db.migration.jobs;

import io.proofline.jobs.schema.ShippedSchemaMigration;

/**
 * Spring Cloud Task's tables ({@code task_execution}, and {@code task_task_batch} linking each
 * task execution to the batchProof job executions it ran), from the script in
 * spring-cloud-task-core: what Spring Cloud Data Flow reads to track launched tasks.
 */
public class V103__spring_cloud_task_schema extends ShippedSchemaMigration {

    public V103__spring_cloud_task_schema() {
        super("org/springframework/cloud/task/schema-postgresql.sql");
    }
}
