package io.proofline.scdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.dataflow.server.EnableDataFlowServer;

/**
 * A local Spring Cloud Data Flow 2.11 server with its dashboard ({@code http://localhost:9393/dashboard}),
 * for launching, watching and restarting Proofline's tasks ({@code ./proofline scdf}). Its
 * database is the one given with {@code --spring.datasource.url} (the prover's, so that the
 * dashboard sees the prover's job repository), or else an embedded PostgreSQL on port 15432 whose
 * files stay in {@code ~/.proofline/scdf/postgres} between runs. Tasks run on the local platform; streams are off.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
        // SCDF builds its task platforms itself from spring.cloud.dataflow.task.platform.*
        "org.springframework.cloud.deployer.spi.local.LocalDeployerAutoConfiguration",
        "org.springframework.cloud.deployer.spi.cloudfoundry.CloudFoundryDeployerAutoConfiguration",
        "org.springframework.cloud.deployer.spi.kubernetes.KubernetesAutoConfiguration"})
@EnableDataFlowServer
public class ProoflineDataflowServer {

    private static final String DATASOURCE_URL = "spring.datasource.url";
    /** A fixed port, so that the prover processes started beside the server find its database. */
    private static final int EMBEDDED_PORT = 15432;

    public static void main(String[] args) throws IOException {
        SpringApplication app = new SpringApplication(ProoflineDataflowServer.class);
        if (databaseGiven(args) && !given(args, "spring.datasource.driver-class-name")) {
            // SCDF's own defaults name H2's driver, which outranks the one Boot would infer from the URL
            List<String> withDriver = new ArrayList<>(Arrays.asList(args));
            withDriver.add("--spring.datasource.driver-class-name=org.postgresql.Driver");
            args = withDriver.toArray(String[]::new);
        } else if (!databaseGiven(args)) {
            Path dataDir = Path.of(System.getProperty("user.home"), ".proofline", "scdf", "postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setPort(EMBEDDED_PORT).start();
            System.out.println("proofline scdf: embedded PostgreSQL, files in " + dataDir + "; prover processes connect with"
                    + " --spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
            // as arguments: SCDF's own defaults (an in-memory H2) outrank default properties
            List<String> withDatabase = new ArrayList<>(List.of(
                    "--" + DATASOURCE_URL + "=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--spring.datasource.driver-class-name=org.postgresql.Driver"));
            withDatabase.addAll(Arrays.asList(args));
            args = withDatabase.toArray(String[]::new);
        }
        app.run(args);
    }

    private static boolean databaseGiven(String[] args) {
        return given(args, DATASOURCE_URL) || System.getenv("SPRING_DATASOURCE_URL") != null;
    }

    private static boolean given(String[] args, String property) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith("--" + property + "=")) || System.getProperty(property) != null;
    }
}
