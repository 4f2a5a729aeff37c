package io.proofline.cli;

import io.proofline.codec.FormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code file-info FILE}: names a Proofline artifact by its 8-byte magic header, decodes it with
 * its codec (so every check the pipeline makes on it is made) and prints a summary. A file that
 * fails to decode ends with exit code {@link ExitCodes#CORRUPT} and the codec's reason.
 */
@Command(name = "file-info", description = "Decodes a Proofline artifact (proof, key, setup, witness input, circuit input,"
        + " manifest, batch proof, aggregated batch proof) and prints a summary.")
final class FileInfoCommand implements Runnable {

    @Parameters(paramLabel = "FILE", description = "the file")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliFailure.refused("no file " + file);
        } catch (IOException e) {
            throw CliFailure.refused("cannot read " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Artifacts.describe(bytes).forEach(out::println);
        } catch (FormatException e) {
            throw new CliFailure(ExitCodes.CORRUPT, file + " is corrupt: " + e.getMessage());
        } catch (RuntimeException e) {
            // a record's own check refused a decoded value: still a malformed file, not a bug of ours
            throw new CliFailure(ExitCodes.CORRUPT, file + " is corrupt: " + e.getMessage());
        }
    }
}
