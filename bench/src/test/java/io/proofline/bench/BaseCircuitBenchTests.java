package io.proofline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proofline.circuits.base.CircuitCapacities;
import org.junit.jupiter.api.Test;

/** The benchmark's default batch fills whole storage instances within one transfer instance. */
class BaseCircuitBenchTests {

    @Test
    void theDefaultBatchFillsItsInstances() {
        // version 3: 7,200 transfers fill the transfer instance (of 7,480) as far as whole storage
        // instances allow: 14,400 accesses are 5 of 2,880
        assertEquals(7_200, BaseCircuitBench.fullBatch(CircuitCapacities.production(3)));
        // versions 1 and 2: 1,530 accesses an instance take 765 transfers, 5 of which fit 4,560
        assertEquals(3_825, BaseCircuitBench.fullBatch(CircuitCapacities.production(1)));
        // an odd number of accesses an instance takes that many transfers to fill whole instances
        assertEquals(3 * 7, BaseCircuitBench.fullBatch(new CircuitCapacities(25, 7)));
        // none fill whole storage instances: one transfer instance's worth
        assertEquals(10, BaseCircuitBench.fullBatch(new CircuitCapacities(10, 30)));
    }
}
