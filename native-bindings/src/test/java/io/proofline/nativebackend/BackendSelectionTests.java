package io.proofline.nativebackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofline.backend.ProverBackend;
import io.proofline.backend.ProverBackends;
import org.junit.jupiter.api.Test;

/** {@code proofline.prover.backend} finds the native back ends through their providers. */
class BackendSelectionTests {

    @Test
    void eachSettingGivesItsBackEnd() {
        assertEquals("java", ProverBackends.select("java").name());
        ProverBackend cpu = ProverBackends.select("native-cpu");
        assertEquals("native-cpu", cpu.name());
        assertEquals(cpu, ProverBackends.select(" Native-CPU "), "opened once per process");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProverBackends.select("gpu"));
        assertTrue(e.getMessage().contains("java, native-cpu, cuda or auto"), e.getMessage());
    }

    @Test
    void autoTakesTheGpuWhenThereIsOneAndOtherwiseTheFasterCpuBackEnd() {
        boolean gpu;
        try {
            NativeBackend.cuda();
            gpu = true;
        } catch (IllegalStateException none) {
            gpu = false;
        }
        assertEquals(gpu ? "cuda" : ProverBackends.AUTO_WITHOUT_DEVICE, ProverBackends.select("auto").name());
    }

    @Test
    void cudaWithoutADeviceFailsAtOnceNamingTheProblem() {
        boolean built = NativeLibrary.class.getResource("/native/" + NativeLibrary.CUDA) != null;
        int devices;
        try {
            devices = built ? NativeLibrary.load(NativeLibrary.CUDA).deviceCount() : 0;
        } catch (NativeBackendException e) {
            devices = 0;
        }
        assumeTrue(devices == 0, "a CUDA device is present");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProverBackends.select("cuda"));
        assertTrue(e.getMessage().contains(built ? "the cuda prover back end cannot run here" : "only where nvcc"),
                e.getMessage());
    }
}
