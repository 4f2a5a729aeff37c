package io.proofline.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

/** One run of a command line's real entry point, with what it printed and its exit code. */
record CliRun(int code, String out, String err) {

    static CliRun proverWithInput(String stdin, String... args) {
        return proverReading(new BufferedReader(new StringReader(stdin)), args);
    }

    /** With confirmations read from {@code in}, which may act as it is read (what happens while the operator thinks). */
    static CliRun proverReading(BufferedReader in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ProverCli.run(in, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun prover(String... args) {
        return proverWithInput("", args);
    }

    static CliRun keygen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KeygenCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** No stack trace reached the operator. */
    boolean noStackTrace() {
        return !(out + err).contains("\tat ") && !(out + err).contains("Exception:");
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
