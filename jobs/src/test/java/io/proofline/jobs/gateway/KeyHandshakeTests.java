package io.proofline.jobs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.poseidon2.Digest;
import io.proofline.steps.gateway.ProofGenerationData;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway takes a batch only when the core's key commitments are the ones this build pins. */
class KeyHandshakeTests {

    private static final PinnedCommitments PINS = PinnedCommitments.load();
    private static final int VERSION = PINS.currentVersion();
    private final KeyHandshake handshake = new KeyHandshake(PINS, "small");

    private static ProofGenerationData data(int version, Map<CircuitType, Digest> keys, RecursionCommitments recursion) {
        return new ProofGenerationData(1, 1, version, new byte[0], keys, recursion, new Digest(1, 2, 3, 4));
    }

    @Test
    void thePinnedKeysOfTheBatchsVersionPass() {
        assertEquals(Optional.empty(), handshake.mismatch(data(VERSION, PINS.require(VERSION, "small"),
                PINS.findRecursion(VERSION, "small").orElse(null))));
    }

    @Test
    void otherBaseKeysAreNamedWithTheVersionAndBothSides() {
        // the production keys: a core with other capacities than this prover
        Map<CircuitType, Digest> production = PINS.require(VERSION, "production");
        String reason = handshake.mismatch(data(VERSION, production, PINS.findRecursion(VERSION, "production").orElse(null)))
                .orElseThrow();
        assertTrue(reason.startsWith("protocol version " + VERSION + ": the core verifies against base keys " + production
                + ", this prover (small capacities) has " + PINS.require(VERSION, "small")), reason);
    }

    @Test
    void otherOrMissingRecursionKeysAreRefused() {
        Map<CircuitType, Digest> base = PINS.require(VERSION, "small");
        RecursionCommitments ours = PINS.findRecursion(VERSION, "small").orElseThrow();
        RecursionCommitments other = new RecursionCommitments(ours.transferLeaf(), ours.storageLeaf(), ours.node(), new Digest(9, 9, 9, 9));
        assertTrue(handshake.mismatch(data(VERSION, base, other)).orElseThrow().contains("recursion keys"));
        assertTrue(handshake.mismatch(data(VERSION, base, null)).orElseThrow().contains("recursion keys null"));
    }

    @Test
    void aVersionThisBuildDoesNotPinIsRefused() {
        Map<CircuitType, Digest> base = new EnumMap<>(PINS.require(VERSION, "small"));
        assertEquals("protocol version 99 has no key commitments pinned in this prover's commitments.json for small capacities"
                + " (the core's: " + base + ")", handshake.mismatch(data(99, base, null)).orElseThrow());
    }
}
