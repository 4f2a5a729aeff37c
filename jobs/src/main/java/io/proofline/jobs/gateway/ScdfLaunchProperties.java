package io.proofline.jobs.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the gateway launches batches when {@code proofline.gateway.launcher=scdf}
 * ({@code proofline.gateway.scdf.*}).
 *
 * @param url the Spring Cloud Data Flow server
 * @param taskName the task definition that runs the prover in task mode (see {@code scdf-definitions/})
 * @param platform the task platform whose free slots bound the batches in flight
 *     (its {@code maximum-concurrent-tasks} on the server)
 * @param arguments more command-line arguments for each launch, after {@code chainId} and {@code batchNumber}
 * @param properties launch (deployment) properties for each launch, e.g. {@code deployer.*.local.javaOpts}
 */
@ConfigurationProperties("proofline.gateway.scdf")
public record ScdfLaunchProperties(@DefaultValue("http://127.0.0.1:9393") URI url,
                                   @DefaultValue("proofline-batch-proof") String taskName,
                                   @DefaultValue("default") String platform,
                                   @DefaultValue List<String> arguments,
                                   @DefaultValue Map<String, String> properties) {
}
