package io.proofline.circuits.base;

import io.proofline.field.Goldilocks;
import io.proofline.field.TwoAdicRoots;
import io.proofline.plonkish.Circuit;
import io.proofline.plonkish.Geometry;
import io.proofline.plonkish.ProverConfig;
import io.proofline.plonkish.Setup;
import io.proofline.plonkish.SetupCodec;
import io.proofline.plonkish.SetupData;
import io.proofline.plonkish.VerificationKey;
import io.proofline.plonkish.gates.Poseidon2Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Setups as someone with write access to a keys directory could plant them: each consistent in
 * itself (its key commits to its columns, the file's digest is right), so that only a comparison
 * with the circuit can tell. Shared with the core's and the prover's tests through the test jar.
 */
public final class TamperedKeys {

    /** One change to a setup, with what the refusal says about it. */
    public enum Tamper {
        /** Every sigma the identity: no copy constraint holds any more. */
        IDENTITY_SIGMAS("sigma column 0 \\(copy constraints\\) differs from the circuit's at row \\d+ \\(\\d+ cells differ\\)"),
        /** The first non-zero constant plus one. */
        CONSTANT("constant column \\d+ differs from the circuit's at row \\d+ \\(1 cell differs\\)"),
        /** The Poseidon2 gate switched off at its first row. */
        SELECTOR("selector column \\d+ \\(gate poseidon2\\) differs from the circuit's at row \\d+ \\(1 cell differs\\)"),
        /** Public inputs 0 and 4 read from each other's rows. */
        PUBLIC_INPUT_ROWS("public-input rows differ from the circuit's: public input 0 is read at row \\d+, the circuit's at row \\d+");

        private final Pattern difference;

        Tamper(String difference) {
            this.difference = Pattern.compile(difference);
        }

        /** Whether {@code message} names this difference. */
        public boolean namedIn(String message) {
            return difference.matcher(message).find();
        }
    }

    private TamperedKeys() {
    }

    /** {@code honest} with one change, recommitted: a key of its own that verifies proofs made with it. */
    public static SetupData tamper(Circuit circuit, SetupData honest, Tamper tamper, ProverConfig config) {
        VerificationKey key = honest.key();
        Geometry g = key.geometry();
        long[][] columns = Arrays.stream(honest.columns()).map(long[]::clone).toArray(long[][]::new);
        int[] rows = key.publicInputRows();
        int selectors = g.constantColumns();
        int sigmas = selectors + key.gates().size();
        switch (tamper) {
            case IDENTITY_SIGMAS -> {
                long[] omega = TwoAdicRoots.powers(g.logRows());
                for (int c = 0; c < g.copyColumns(); c++) {
                    long shift = Goldilocks.pow(Goldilocks.GENERATOR, c);
                    for (int r = 0; r < g.rows(); r++) {
                        columns[sigmas + c][r] = Goldilocks.mul(shift, omega[r]);
                    }
                }
            }
            case CONSTANT -> {
                int c = 0;
                while (Arrays.stream(columns[c]).allMatch(v -> v == 0)) {
                    c++;
                }
                int r = firstNonZero(columns[c]);
                columns[c][r] = Goldilocks.add(columns[c][r], 1);
            }
            case SELECTOR -> {
                int gate = circuit.gates().indexOf(Poseidon2Gate.INSTANCE);
                columns[selectors + gate][firstNonZero(columns[selectors + gate])] = 0;
            }
            case PUBLIC_INPUT_ROWS -> {
                int first = rows[0];
                rows[0] = rows[4];
                rows[4] = first;
            }
        }
        return Setup.commit(g, config, key.gates(), rows, columns);
    }

    /**
     * Writes a tampered setup of {@code type} into {@code dir} where {@link BaseCircuitKeys#loadOrGenerate}
     * looks for it, after generating the honest keys there if they are missing.
     */
    public static void plant(Path dir, CircuitType type, CircuitCapacities caps, ProverConfig config, Tamper tamper) {
        BaseCircuitKeys honest = BaseCircuitKeys.loadOrGenerate(dir, caps, config);
        SetupData forged = tamper(honest.circuit(type), honest.setup(type), tamper, config);
        try {
            Files.write(BaseCircuitKeys.setupFile(dir, type, caps, config), SetupCodec.encode(forged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a setup file of {@code type} into {@code dir} whose columns and digest are the honest
     * ones and whose key is the identity-sigma forgery's ({@link Tamper#IDENTITY_SIGMAS}), after
     * generating the honest keys there if they are missing. Loading compares the columns with the
     * circuit and finds nothing; only the key's cap, which the columns do not commit to, differs.
     *
     * @return the forged key
     */
    public static VerificationKey plantForgedKey(Path dir, CircuitType type, CircuitCapacities caps, ProverConfig config) {
        BaseCircuitKeys honest = BaseCircuitKeys.loadOrGenerate(dir, caps, config);
        SetupData setup = honest.setup(type);
        VerificationKey forged = tamper(honest.circuit(type), setup, Tamper.IDENTITY_SIGMAS, config).key();
        SetupData file = new SetupData(forged, setup.columns(), setup.coefficients(), setup.lde(), setup.tree(),
                setup.quotientCosets());
        try {
            Files.write(BaseCircuitKeys.setupFile(dir, type, caps, config), SetupCodec.encode(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return forged;
    }

    /** Copies the files of {@code honestDir} into {@code dir}, which must exist; returns {@code dir}. */
    public static Path copy(Path honestDir, Path dir) {
        try (var files = Files.list(honestDir)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstNonZero(long[] column) {
        for (int r = 0; r < column.length; r++) {
            if (column[r] != 0) {
                return r;
            }
        }
        throw new IllegalStateException("an all-zero column");
    }
}
