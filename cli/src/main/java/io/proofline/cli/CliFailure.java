package io.proofline.cli;

/** A failure the operator should read as one line, with the exit code it ends with (see {@link ExitCodes}). */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliFailure refused(String message) {
        return new CliFailure(ExitCodes.REFUSED, message);
    }
}
