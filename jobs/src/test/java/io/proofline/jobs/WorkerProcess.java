package io.proofline.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker of the prover application (or, through {@link #launch}, any of the project's
 * applications) in its own JVM, started from the test's classpath with the launcher's JVM options.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final String id;
    final Path log;
    private volatile boolean killed;

    private WorkerProcess(Process process, String id, Path log) {
        this.process = process;
        this.id = id;
        this.log = log;
    }

    static WorkerProcess start(String id, String roles, Map<String, String> properties, Path logDir) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("--" + ProoflineJobsApplication.CONFIG_NAME);
        args.add("--proofline.roles=" + roles);
        args.add("--proofline.worker-id=" + id);
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return launch(id, ProoflineJobsApplication.class.getName(), args, logDir);
    }

    /** Runs {@code mainClass} with {@code args}; its output goes to {@code <logDir>/<id>.log}. */
    static WorkerProcess launch(String id, String mainClass, List<String> args, Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.add("--enable-native-access=ALL-UNNAMED");
        // a recursion proof (2^15 rows, the aggregation step) needs more than a small base proof
        command.add("-Xmx3g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path log = logDir.resolve(id + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new WorkerProcess(p, id, log);
    }

    String id() {
        return id;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the test killed it on purpose. */
    boolean wasKilled() {
        return killed;
    }

    /** kill -STOP: freezes the process where it is, so that a test can look at what it left (Linux, macOS). */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** kill -CONT, after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed with exit code " + kill.exitValue());
        }
    }

    /** kill -9: no shutdown hooks, no cleanup. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        process.waitFor();
    }

    /** Whether Spring Boot has logged the application's start: its listeners take partitions from then on. */
    boolean started() {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Started ProoflineJobsApplication");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** One line for failure messages: who, whether it runs, and where its log is. */
    String describe() {
        String state = process.isAlive() ? "running" : killed ? "killed by the test" : "exited with code " + process.exitValue();
        return id + " (" + state + "), log " + log;
    }

    /** The last {@code lines} lines of the log, for a worker that died unexpectedly. */
    String logTail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
