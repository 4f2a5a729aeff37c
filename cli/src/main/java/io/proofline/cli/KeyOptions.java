package io.proofline.cli;

import io.proofline.circuits.base.BaseCircuits;
import io.proofline.circuits.base.CircuitCapacities;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The keys directory and capacities, with the prover's defaults. */
final class KeyOptions {

    @Option(names = "--keys-dir", paramLabel = "DIR", defaultValue = "${env:PROOFLINE_KEYS_DIR:-${sys:user.home}/.proofline/keys}",
            description = "the keys directory (default: $PROOFLINE_KEYS_DIR or ~/.proofline/keys, the prover's)")
    Path dir;

    @Option(names = "--capacities", defaultValue = "${env:PROOFLINE_CAPACITIES:-" + CircuitCapacities.DEFAULT_NAME + "}", paramLabel = "small|production",
            description = "base circuit capacities (default: $PROOFLINE_CAPACITIES or ${DEFAULT-VALUE}, the prover's)")
    String capacities;

    /** The capacities for the newest protocol version. */
    CircuitCapacities circuitCapacities() {
        return circuitCapacities(BaseCircuits.NEWEST_PROTOCOL_VERSION);
    }

    /** The capacities as {@code protocolVersion} sizes them. */
    CircuitCapacities circuitCapacities(int protocolVersion) {
        try {
            return CircuitCapacities.named(capacities, protocolVersion);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
    }
}
