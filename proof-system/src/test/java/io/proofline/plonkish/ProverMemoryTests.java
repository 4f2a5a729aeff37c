package io.proofline.plonkish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.fri.FriParameters;
import org.junit.jupiter.api.Test;

class ProverMemoryTests {

    private static final FriParameters LDE8 = ProverConfig.standard().fri();

    @Test
    void theWitnessLdeIsEveryTraceColumnAtTheLdeLength() {
        Geometry g = Geometry.standard(16);
        assertEquals((long) (g.copyColumns() + g.witnessColumns()) * 8 * (1 << 19), ProverMemory.witnessLdeBytes(g, LDE8));
    }

    @Test
    void aTraceTooLargeForTheHeapIsRefusedNamingItsSizeAndTheHeapItNeeds() {
        ProverMemoryException e = assertThrows(ProverMemoryException.class,
                () -> ProverMemory.require(Geometry.standard(20), LDE8, 8L << 30));
        assertEquals("a 2^20-row proof (130 columns, LDE x8: a 8.7 GB witness LDE) needs at least 30.5 GB of heap and this JVM "
                + "has at most 8.6 GB: start it with a larger -Xmx, or prove smaller circuits", e.getMessage());
    }

    @Test
    void aHeapJustLargeEnoughIsAccepted() {
        Geometry g = Geometry.standard(17);
        long required = ProverMemory.requiredHeapBytes(g, LDE8);
        assertDoesNotThrow(() -> ProverMemory.require(g, LDE8, required));
        assertThrows(ProverMemoryException.class, () -> ProverMemory.require(g, LDE8, required - 1));
    }
}
