package io.proofline.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.plonkish.ProverConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code proofline.prover.backend} as a Spring setting of the prover application. */
class ProverBackendSettingTests {

    private final ProverResources resources = new ProverResources();

    @Test
    void namesTheBackEndOfEveryProof() {
        assertEquals("native-cpu", resources.proverConfig("native-cpu").backend().name());
        assertEquals(ProverConfig.standard().fri(), resources.proverConfig("native-cpu").fri());
        assertEquals(ProverConfig.standard().backend().name(), resources.proverConfig("").backend().name());
    }

    @Test
    void aWorkerToldToProveOnAMissingGpuStopsAtStartWithTheReason() {
        try {
            resources.proverConfig("cuda");
            Assumptions.abort("a CUDA device answered here: nothing to refuse");
        } catch (IllegalStateException refused) {
            assertTrue(refused.getMessage().contains("cuda"), refused.getMessage());
        }
    }

    @Test
    void refusesAnUnknownBackEnd() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> resources.proverConfig("fpga"));
        assertTrue(refused.getMessage().contains("proofline.prover.backend"), refused.getMessage());
    }
}
