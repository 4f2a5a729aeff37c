package io.proofline.cli;

import io.proofline.circuits.base.BaseCircuitKeys;
import io.proofline.circuits.base.CircuitCapacities;
import io.proofline.circuits.base.CircuitType;
import io.proofline.codec.FormatException;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.VerificationKeyCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The base circuits' key files in a keys directory, named and written as
 * {@link BaseCircuitKeys#loadOrGenerate} names and writes them, so the prover finds what keygen
 * made: {@code <circuit>-<capacities and FRI parameters>.setup}, and beside it the key as JSON.
 */
final class BaseKeyFiles {

    static final ProverConfig CONFIG = ProverConfig.standard();

    private final Path dir;
    private final CircuitCapacities caps;
    private final int protocolVersion;

    BaseKeyFiles(Path dir, CircuitCapacities caps, int protocolVersion) {
        this.dir = dir;
        this.caps = caps;
        this.protocolVersion = protocolVersion;
    }

    Path setupFile(CircuitType type) {
        return BaseCircuitKeys.setupFile(dir, type, caps, CONFIG, protocolVersion);
    }

    Path keyJson(CircuitType type) {
        return BaseCircuitKeys.keyJsonFile(dir, type, caps, protocolVersion);
    }

    /**
     * The stored setup, if there is a file.
     *
     * @throws FormatException if the file is there but damaged
     */
    Optional<SetupData> read(CircuitType type) {
        Path file = setupFile(type);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SetupCodec.decode(Files.readAllBytes(file), CONFIG));
        } catch (IOException e) {
            throw CliFailure.refused("cannot read " + file + ": " + e.getMessage());
        }
    }

    void write(CircuitType type, SetupData setup) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, type.label, ".tmp");
            Files.write(tmp, SetupCodec.encode(setup));
            Files.move(tmp, setupFile(type), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(keyJson(type), VerificationKeyCodec.toJson(setup.key()));
        } catch (IOException e) {
            throw CliFailure.refused("cannot write to the keys directory " + dir + ": " + e.getMessage());
        }
    }
}
