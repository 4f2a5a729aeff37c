package io.proofline.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The prover application. {@code --proofline.roles=orchestrator} (the default) runs the
 * batchProof jobs and the gateway; {@code witness-generator} and {@code circuit-prover} run
 * workers; roles combine with commas, and any number of worker processes may share one
 * PostgreSQL database and object store.
 */
@SpringBootApplication
public class ProoflineJobsApplication {

    /** The configuration file's name: {@code proofline-prover.yml}, so that it never mixes with the core's. */
    public static final String CONFIG_NAME = "spring.config.name=proofline-prover";

    public static void main(String[] args) {
        builder().run(args);
    }

    /** The application with its configuration name set; tests and the demo start it this way. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProoflineJobsApplication.class).properties(CONFIG_NAME);
    }
}
