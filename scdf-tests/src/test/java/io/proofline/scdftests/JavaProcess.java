package io.proofline.scdftests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process of its own (the SCDF server, a prover worker), run with this JVM's java, its
 * output in a log file that failure messages name.
 */
final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java <jvmOptions> -jar <jar> <args>}, logging to {@code <logDir>/<name>.log}. */
    static JavaProcess startJar(String name, List<String> jvmOptions, Path jar, List<String> args, Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JavaProcess(name, p, log);
    }

    /** Waits until the log holds {@code line}; fails with the log's tail when the process dies or time runs out. */
    void awaitLogLine(String line, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
            requireAlive("waiting for '" + line + "'");
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log '" + line + "' within " + timeout + "; its last lines:\n" + logTail(40));
            }
            Thread.sleep(250);
        }
    }

    void requireAlive(String while_) {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with code " + process.exitValue() + " " + while_ + "; its last lines:\n"
                    + logTail(40));
        }
    }

    /** kill -STOP: the process takes nothing until {@link #resume()}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + name + " failed");
        }
    }

    String describe() {
        return name + " (" + (process.isAlive() ? "running" : "exited with code " + process.exitValue()) + "), log " + log;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            // a paused process would not see SIGTERM until continued
            resume();
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // it has exited already
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
