package io.proofline.jobs;

import io.proofline.jobs.batchproof.RestartCommand;
import io.proofline.jobs.config.KeygenTask;
import io.proofline.jobs.gateway.GatewayConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.task.configuration.EnableTask;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The prover application. {@code --proofline.roles=orchestrator} (the default) runs the
 * batchProof jobs and the gateway; {@code witness-generator} and {@code circuit-prover} run
 * workers; roles combine with commas, and any number of worker processes may share one
 * PostgreSQL database and object store. {@code --proofline.restart=<chainId>:<batchNumber>}
 * (with the orchestrator role) restarts one batch's failed job and exits (see
 * {@link RestartCommand}).
 *
 * <p>Two task modes end the process too, with an exit code: profile {@code batch-proof-task}
 * with the arguments {@code chainId=<c> batchNumber=<n>} runs (or restarts, when it failed) that
 * batch's job through Spring Boot's job runner and exits with the job's status (0 when
 * completed); profile {@code gateway-poll-task} polls the core once; profile {@code keygen-task}
 * generates and checks the keys (see {@link KeygenTask}).
 *
 * <p>Each process is a Spring Cloud Task: its run is a row of {@code task_execution}, linked in
 * {@code task_task_batch} to the batchProof job executions it ran, which is how Spring Cloud
 * Data Flow tracks the tasks it launches.
 */
@SpringBootApplication
@EnableTask
public class ProoflineJobsApplication {

    /** The configuration file's name: {@code proofline-prover.yml}, so that it never mixes with the core's. */
    public static final String CONFIG_NAME = "spring.config.name=proofline-prover";

    public static void main(String[] args) {
        ConfigurableApplicationContext context = builder().run(args);
        Environment environment = context.getEnvironment();
        if (environment.containsProperty(RestartCommand.PROPERTY)) {
            // a one-off command (see RestartCommand): done once the restarted job has ended
            if (context.getBeanNamesForType(RestartCommand.class).length == 0) {
                System.err.println("--" + RestartCommand.PROPERTY + " needs the orchestrator role");
                System.exit(SpringApplication.exit(context, () -> 2));
            }
            System.exit(SpringApplication.exit(context));
        }
        if (environment.getProperty(JOB_RUNNER, Boolean.class, false)
                || environment.getProperty(GatewayConfiguration.POLL_ONCE, Boolean.class, false)
                || environment.getProperty(KeygenTask.PROPERTY, Boolean.class, false)) {
            // a task: its runner has run; the exit code is the job's (Boot's JobExecutionExitCodeGenerator)
            System.exit(SpringApplication.exit(context));
        }
    }

    /** Spring Boot's switch for running the job at startup, which the task mode turns on. */
    static final String JOB_RUNNER = "spring.batch.job.enabled";

    /** The application with its configuration name set; tests and the demo start it this way. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProoflineJobsApplication.class).properties(CONFIG_NAME);
    }
}
