package io.proofline.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.core.ApiClient;
import io.proofline.core.CoreTestEnvironment;
import io.proofline.core.ProoflineCoreApplication;
import io.proofline.testsupport.TestDatabase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The core's Prometheus endpoint: batches per status for a known state, and its named pool. */
class CoreMetricsIntegrationTests {

    @Test
    void prometheusShowsTheCoresBatchesPerStatus() {
        try (TestDatabase db = TestDatabase.create();
             ConfigurableApplicationContext core = new SpringApplicationBuilder(ProoflineCoreApplication.class)
                     .run(CoreTestEnvironment.properties(db, Map.of()).entrySet().stream()
                             .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
            ApiClient api = new ApiClient(Integer.parseInt(core.getEnvironment().getRequiredProperty("local.server.port")));
            // given three sealed batches, one of them then handed out to a prover
            for (int i = 1; i <= 3; i++) {
                assertEquals(202, api.postJson("/transactions", Map.of("kind", "deposit", "to", i, "amount", 10, "owner", i)).status());
                assertTrue(api.post("/batches/seal", null).status() < 300, "sealed");
            }
            core.getBean(JdbcClient.class).sql("UPDATE core_batches SET status = 'picked', picked_at = now() WHERE batch_number = 2")
                    .update();

            // then
            String scrape = api.get("/actuator/prometheus").body();
            assertEquals(2, value(scrape, "proofline_core_batches", "status=\"sealed\""), scrape);
            assertEquals(1, value(scrape, "proofline_core_batches", "status=\"picked\""), scrape);
            assertEquals(0, value(scrape, "proofline_core_batches", "status=\"proven\""), scrape);
            assertEquals(10, value(scrape, "hikaricp_connections_max", "pool=\"proofline-core\""), scrape);
            assertTrue(api.get("/actuator/health").body().contains("\"UP\""));
        }
    }

    private static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + " with " + label);
    }
}
