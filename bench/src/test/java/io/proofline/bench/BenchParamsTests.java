package io.proofline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.fri.FriParameters;
import io.proofline.plonkish.ProverConfig;
import org.junit.jupiter.api.Test;

/** The benchmarks' parameter sets by name, and a clear refusal of any other name. */
class BenchParamsTests {

    @Test
    void eachNameGivesItsParametersAtOneHundredBits() {
        assertEquals(ProverConfig.standard().fri(), BenchParams.named("S", "standard").fri());
        assertEquals(ProverConfig.ldeFactor4().fri(), BenchParams.named("S", "lde4").fri());
        assertEquals(ProverConfig.ldeFactor2().fri(), BenchParams.named("S", "lde2").fri());
        assertEquals(ProverConfig.provenQueries().fri(), BenchParams.named("S", "proven").fri());
        for (String name : new String[] {"standard", "lde4", "lde2", "proven"}) {
            assertEquals(FriParameters.DEFAULT_SECURITY_BITS, BenchParams.named("S", name).securityBits(), name);
        }
    }

    @Test
    void anUnknownNameIsRefusedNamingTheSettingAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchParams.named("PROOFLINE_BENCH_PARAMS", "lde3"));
        assertEquals("PROOFLINE_BENCH_PARAMS must be standard, lde4, lde2 or proven, got 'lde3'", e.getMessage());
    }
}
