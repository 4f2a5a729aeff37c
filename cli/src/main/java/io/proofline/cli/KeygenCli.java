package io.proofline.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./proofline keygen}: the base circuits' setup data and verification keys in a keys
 * directory, checked against the commitments pinned in {@code commitments.json}. Exit codes: see
 * {@link ExitCodes}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, version = "keygen (Proofline 0.1.0)",
        description = "Generates, verifies and lists the circuits' setup data and verification keys.",
        subcommands = {KeygenCommands.Generate.class, KeygenCommands.Verify.class, KeygenCommands.Commitments.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:keys missing, differing from their circuit or from the pinned commitments",
                "2:usage error", "4:corrupt key file"})
public final class KeygenCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line as {@link #main} does, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        int code = Cli.commandLine(new KeygenCli(), out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: generate, verify or commitments");
    }
}
