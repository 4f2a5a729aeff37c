package io.proofline.jobs.gateway;

import io.proofline.circuits.base.CircuitType;
import io.proofline.circuits.base.PinnedCommitments;
import io.proofline.circuits.base.RecursionCommitments;
import io.proofline.poseidon2.Digest;
import io.proofline.steps.gateway.ProofGenerationData;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's half of the key handshake: before a batch is taken, the key commitments the
 * core will verify its proof against must be the ones this prover's build pins for the batch's
 * protocol version and the prover's capacities. Otherwise every proof would be refused at
 * submission, after all the proving.
 */
final class KeyHandshake {

    private final PinnedCommitments pins;
    private final String capacities;

    KeyHandshake(PinnedCommitments pins, String capacities) {
        this.pins = pins;
        this.capacities = capacities;
    }

    /** Empty when the core's commitments are this prover's, else why not, naming the version and both sides. */
    Optional<String> mismatch(ProofGenerationData data) {
        int version = data.protocolVersion();
        Optional<Map<CircuitType, Digest>> ours = pins.find(version, capacities);
        if (ours.isEmpty()) {
            return Optional.of("protocol version " + version + " has no key commitments pinned in this prover's commitments.json for "
                    + capacities + " capacities (the core's: " + data.verificationKeys() + ")");
        }
        if (!ours.get().equals(data.verificationKeys())) {
            return Optional.of("protocol version " + version + ": the core verifies against base keys " + data.verificationKeys()
                    + ", this prover (" + capacities + " capacities) has " + ours.get());
        }
        RecursionCommitments recursion = pins.findRecursion(version, capacities).orElse(null);
        if (!Objects.equals(recursion, data.recursionKeys())) {
            return Optional.of("protocol version " + version + ": the core verifies against recursion keys " + data.recursionKeys()
                    + ", this prover (" + capacities + " capacities) has " + recursion);
        }
        return Optional.empty();
    }
}
