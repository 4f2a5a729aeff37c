package io.proofline.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./proofline cli}: the operator's view of the prover's database. Exit codes: see
 * {@link ExitCodes}.
 */
@Command(name = "prover-cli", mixinStandardHelpOptions = true, version = "prover-cli (Proofline 0.1.0)",
        description = "Inspects and repairs the proving pipeline through the prover's database.",
        subcommands = {StatusCommand.class, RequeueCommand.class, RestartBatchCommand.class, DeleteCommand.class,
                StatsCommand.class, FileInfoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:unknown batch or file, or refused (job running, not confirmed)", "2:usage error",
                "3:database unreachable or without the prover's tables", "4:corrupt file"})
public final class ProverCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private BufferedReader in;

    public static void main(String[] args) {
        System.exit(run(new BufferedReader(new InputStreamReader(System.in)), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line as {@link #main} does, reading confirmations from {@code in} and
     * writing to {@code out} and {@code err}; returns the exit code.
     */
    public static int run(BufferedReader in, PrintWriter out, PrintWriter err, String... args) {
        ProverCli cli = new ProverCli();
        cli.in = in;
        int code = Cli.commandLine(cli, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Asks {@code question} on the command's output and reads the answer: only {@code yes} goes on.
     *
     * @throws CliFailure (refused) on any other answer or none
     */
    static void confirm(CommandLine.Model.CommandSpec spec, String question) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(question + " Type yes to go on: ");
        out.flush();
        String answer;
        try {
            answer = ((ProverCli) spec.root().userObject()).in.readLine();
        } catch (java.io.IOException e) {
            answer = null;
        }
        out.println();
        if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
            throw CliFailure.refused("not confirmed, nothing changed (--yes confirms without asking)");
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
