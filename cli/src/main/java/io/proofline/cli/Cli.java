package io.proofline.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds a command line whose failures are one line on stderr and an exit code: a
 * {@link CliFailure} says its own message; anything else (a bug) says its type and message,
 * still without a stack trace unless {@code PROOFLINE_CLI_TRACE} is set.
 */
final class Cli {

    static final String TRACE_ENV = "PROOFLINE_CLI_TRACE";

    private Cli() {
    }

    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CliFailure f ? f.exitCode()
                : e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.REFUSED);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            String name = line.getCommandSpec().root().name();
            if (e instanceof CliFailure f) {
                line.getErr().println(name + ": " + f.getMessage());
                line.getErr().flush();
                return f.exitCode();
            }
            line.getErr().println(name + ": unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv(TRACE_ENV) != null) {
                e.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return ExitCodes.REFUSED;
        });
        return cl;
    }
}
