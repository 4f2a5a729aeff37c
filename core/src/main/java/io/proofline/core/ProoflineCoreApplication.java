package io.proofline.core;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The rollup's reference core: a sequencer that seals batches into PostgreSQL, and the proof data
 * handler API through which the proving pipeline fetches batches and returns their proofs.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
@EnableScheduling
public final class ProoflineCoreApplication {

    private ProoflineCoreApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.run(ProoflineCoreApplication.class, args);
    }
}
