package io.proofline.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.steps.proving.GpuProverPipeline;
import io.proofline.steps.proving.ProverPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code proofline.prover.gpu.*} as the prover application binds them, and the concurrency they give a worker. */
class ProvingConcurrencyTests {

    @Test
    void thePipelineRunsOnCudaByDefaultAndRaisesTheConcurrencyToItsPlaces() {
        ProvingConcurrency cuda = ProvingConcurrency.of(prover(Map.of()), "cuda");
        assertTrue(cuda.pipeline());
        // 2 vector threads + a queue of 2 + the one proving, above the default of 2 partitions
        assertEquals(5, cuda.partitions());
        ProvingConcurrency java = ProvingConcurrency.of(prover(Map.of()), "java");
        assertFalse(java.pipeline());
        assertEquals(2, java.partitions());
    }

    @Test
    void settingsChooseThePipelineAndItsSizes() {
        ProvingConcurrency on = ProvingConcurrency.of(prover(Map.of("gpu.pipeline", "on", "gpu.witness-vector-threads", "3",
                "gpu.queue-length", "1")), "java");
        assertTrue(on.pipeline());
        assertEquals(5, on.partitions());
        ProvingConcurrency more = ProvingConcurrency.of(prover(Map.of("gpu.pipeline", "on", "concurrent-partitions", "9")), "java");
        assertEquals(9, more.partitions(), "a higher setting is kept");
        assertFalse(ProvingConcurrency.of(prover(Map.of("gpu.pipeline", "off")), "cuda").pipeline());
        try (ProverPipeline pipeline = on.newPipeline()) {
            assertInstanceOf(GpuProverPipeline.class, pipeline);
        }
    }

    @Test
    void refusesSettingsThatMakeNoPipeline() {
        for (Map<String, String> bad : java.util.List.of(Map.of("gpu.pipeline", "sometimes"), Map.of("gpu.queue-length", "0"),
                Map.of("gpu.witness-vector-threads", "0"))) {
            BindException e = assertThrows(BindException.class, () -> prover(bad));
            String key = bad.keySet().iterator().next().replace("gpu.", "");
            String reason = rootCause(e).getMessage();
            assertTrue(reason.contains("proofline.prover.gpu." + key), reason);
        }
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    private static JobsProperties.Prover prover(Map<String, String> settings) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        settings.forEach((k, v) -> prefixed.put("proofline.prover." + k, v));
        prefixed.put("proofline.prover.heartbeat-interval", "5s");
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("proofline.prover", JobsProperties.Prover.class);
    }
}
