package io.proofline.cli;

/**
 * The exit codes of both command lines, documented in the README: scripts tell a refusal from a
 * broken installation by them.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** An unknown batch or file, a refused action (running job, no confirmation), keys that differ. */
    public static final int REFUSED = 1;
    /** Wrong options or arguments (picocli's usage error). */
    public static final int USAGE = 2;
    /** The database cannot be reached or its tables are missing. */
    public static final int DATABASE = 3;
    /** A file that is not a well-formed Proofline artifact. */
    public static final int CORRUPT = 4;

    private ExitCodes() {
    }
}
