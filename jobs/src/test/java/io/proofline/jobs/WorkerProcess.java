package io.proofline.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A worker of the prover application in its own JVM, started from the test's classpath. */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final String id;
    final Path log;

    private WorkerProcess(Process process, String id, Path log) {
        this.process = process;
        this.id = id;
        this.log = log;
    }

    static WorkerProcess start(String id, String roles, Map<String, String> properties, Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProoflineJobsApplication.class.getName());
        command.add("--" + ProoflineJobsApplication.CONFIG_NAME);
        command.add("--proofline.roles=" + roles);
        command.add("--proofline.worker-id=" + id);
        command.add("--proofline.gateway.enabled=false");
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
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

    /** kill -9: no shutdown hooks, no cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
