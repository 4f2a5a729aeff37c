package io.proofline.cli;

import io.proofline.cli.ProverDatabase.JobExecutionRow;
import io.proofline.cli.ProverDatabase.StepExecutionRow;
import io.proofline.storage.tables.InstanceStatus;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProverAggregationProof;
import io.proofline.storage.tables.ProverBatch;
import io.proofline.storage.tables.ProverCircuitInstance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status batch} and {@code status queue}. */
@Command(name = "status", description = "Where batches and the queue stand.",
        subcommands = {StatusCommand.Batch.class, QueueCommand.class})
final class StatusCommand implements Runnable {

    /**
     * The batchProof job's stages (manager steps), in order; a step whose name holds "Worker" is a
     * partition. nodeAggregation runs once per round (its last run is shown); a protocol version 1
     * batch runs bundleBaseProofs in place of the three aggregation stages.
     */
    static final List<String> STAGES = List.of("loadWitnessInputs", "basicWitnessGeneration", "proveBaseCircuits",
            "leafAggregation", "nodeAggregation", "scheduler", "submitProof");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name what: batch or queue");
    }

    static boolean isPartition(StepExecutionRow step) {
        return step.name().contains("Worker");
    }

    @Command(name = "batch", description = "Per stage, per circuit instance and per aggregation round: status, attempts, worker,"
            + " timings, errors.")
    static final class Batch implements Runnable {

        @Mixin
        DatabaseOptions database;

        @Option(names = {"-n", "--batch"}, required = true, arity = "1..*", paramLabel = "N", description = "batch numbers")
        List<Long> batchNumbers;

        @Option(names = "--chain-id", paramLabel = "ID", description = "the chain (needed only when several chains have the batch)")
        Long chainId;

        @Option(names = {"-v", "--verbose"}, description = "every job execution, every partition, keys and full errors")
        boolean verbose;

        @Option(names = "--max-attempts", defaultValue = "3", paramLabel = "N", description = "the house keeper's"
                + " proofline.house-keeper.failed-jobs.max-attempts, to say whether it restarts a failed job (default ${DEFAULT-VALUE}, its own)")
        int maxAttempts;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ProverDatabase db = database.open();
            PrintWriter out = spec.commandLine().getOut();
            List<ProverBatch> batches = new ArrayList<>();
            for (long n : batchNumbers) {
                batches.add(db.batch(chainId, n));
            }
            for (ProverBatch batch : batches) {
                print(db, batch, out);
                out.println();
            }
        }

        private void print(ProverDatabase db, ProverBatch b, PrintWriter out) {
            out.println(b.id() + ": " + b.status().dbValue() + ", protocol version " + b.protocolVersion()
                    + ", received " + Table.time(b.createdAt()) + ", updated " + Table.time(b.updatedAt()));
            printKeys(db, b, out);
            if (verbose) {
                out.println("  witness inputs " + b.witnessInputsKey() + " (sha256 " + b.witnessInputsSha256() + ")");
                out.println("  batch commitment " + b.batchCommitment());
                out.println("  manifest " + (b.manifestKey() == null ? "-" : b.manifestKey()));
                out.println("  batch proof " + (b.batchProofKey() == null ? "-" : b.batchProofKey() + " (sha256 " + b.batchProofSha256() + ")"));
            }
            if (b.submitStatus() != null) {
                out.println("  submitted " + Table.time(b.submittedAt()) + ": the core answered HTTP " + b.submitStatus()
                        + (verbose || b.submitStatus() >= 300 ? " " + Table.brief(b.submitAnswer(), verbose ? 2000 : 120) : ""));
            }
            Optional<Long> instance = db.jobInstance(b.id());
            if (instance.isEmpty()) {
                out.println("  job: none started yet");
            } else {
                printJob(db, b, instance.get(), out);
            }
            printInstances(db, b, out);
            printAggregationProofs(db, b, out);
        }

        /** The key commitments the batch's proof is verified against, as recorded for its protocol version. */
        private void printKeys(ProverDatabase db, ProverBatch b, PrintWriter out) {
            Optional<ProtocolVersionKeys> keys = db.versions().find(b.protocolVersion());
            if (keys.isEmpty()) {
                out.println("  keys of protocol version " + b.protocolVersion() + ": not recorded (received by a gateway that"
                        + " recorded no versions)");
                return;
            }
            Map<String, String> all = keys.get().all();
            String proofs = keys.get().recursionKeys().isEmpty() ? "bundles of base proofs" : "aggregated proofs";
            if (verbose) {
                out.println("  keys of protocol version " + b.protocolVersion() + " (" + proofs + "):");
                all.forEach((circuit, key) -> out.println("    " + circuit + " " + key));
            } else {
                out.println("  keys of protocol version " + b.protocolVersion() + " (" + proofs + "): " + all.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue().substring(0, Math.min(10, e.getValue().length())))
                        .collect(Collectors.joining(", ")));
            }
        }

        private void printJob(ProverDatabase db, ProverBatch b, long instanceId, PrintWriter out) {
            List<JobExecutionRow> executions = db.jobExecutions(instanceId);
            JobExecutionRow last = executions.getLast();
            out.println("  job batchProof (instance " + instanceId + "): " + executions.size() + " execution"
                    + (executions.size() == 1 ? "" : "s") + ", the last " + last.id() + " " + last.status() + " (started "
                    + Table.time(last.started()) + ", ended " + Table.time(last.ended()) + ")"
                    + (last.exitMessage() == null || last.exitMessage().isBlank() ? "" : ": " + Table.brief(last.exitMessage(), verbose ? 2000 : 120)));
            if ("FAILED".equals(last.status())) {
                out.println(executions.size() >= maxAttempts
                        ? "  at the maximum attempts (" + executions.size() + " executions, max-attempts " + maxAttempts + "): the house"
                                + " keeper restarts it no more; fix the cause, then restart -b " + b.id().batchNumber()
                        : "  the house keeper restarts it after its backoff (attempt " + (executions.size() + 1) + " of " + maxAttempts + ")");
            }
            if (verbose && executions.size() > 1) {
                Table all = new Table("EXECUTION", "STATUS", "STARTED", "ENDED", "EXIT");
                executions.forEach(e -> all.row(e.id(), e.status(), Table.time(e.started()), Table.time(e.ended()), e.exitCode()));
                all.print(out, "    ");
            }
            List<StepExecutionRow> steps = db.stepExecutions(last.id());
            out.println("  stages (execution " + last.id() + "):");
            Table stages = new Table("STAGE", "STATUS", "STARTED", "DURATION", "ERROR");
            Map<String, StepExecutionRow> byName = new TreeMap<>();
            steps.stream().filter(s -> !isPartition(s)).forEach(s -> byName.put(s.name(), s));
            List<String> names = new ArrayList<>(STAGES);
            byName.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
            for (String name : names) {
                StepExecutionRow s = byName.get(name);
                if (s == null) {
                    stages.row(name, "not run", null, null, null);
                } else {
                    stages.row(name, s.status(), Table.time(s.started()), Table.duration(s.duration()),
                            Table.brief(s.exitMessage(), verbose ? 400 : 100));
                }
            }
            stages.print(out, "    ");
            List<StepExecutionRow> partitions = steps.stream().filter(StatusCommand::isPartition).toList();
            if (!partitions.isEmpty()) {
                Map<String, Long> byStatus = partitions.stream().collect(Collectors.groupingBy(StepExecutionRow::status,
                        TreeMap::new, Collectors.counting()));
                out.println("  partitions: " + byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")));
                if (verbose) {
                    Table t = new Table("PARTITION", "STEP EXECUTION", "STATUS", "STARTED", "DURATION", "ERROR");
                    partitions.forEach(p -> t.row(p.name(), p.id(), p.status(), Table.time(p.started()), Table.duration(p.duration()),
                            Table.brief(p.exitMessage(), 400)));
                    t.print(out, "    ");
                }
            }
        }

        private void printInstances(ProverDatabase db, ProverBatch b, PrintWriter out) {
            List<ProverCircuitInstance> instances = db.instances().findByBatch(b.id());
            if (instances.isEmpty()) {
                out.println("  circuit instances: none yet (basic witness generation makes them)");
                return;
            }
            Map<InstanceStatus, Long> counts = instances.stream().collect(Collectors.groupingBy(ProverCircuitInstance::status,
                    TreeMap::new, Collectors.counting()));
            out.println("  circuit instances: " + instances.size() + " (" + counts.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining(", ")) + ")");
            Table t = verbose
                    ? new Table("CIRCUIT", "INDEX", "STATUS", "ATTEMPTS", "WORKER", "STARTED", "HEARTBEAT", "FINISHED", "VECTORS",
                            "QUEUE WAIT", "PROVING", "PROOF", "ERROR")
                    : new Table("CIRCUIT", "INDEX", "STATUS", "ATTEMPTS", "WORKER", "VECTORS", "QUEUE WAIT", "PROVING", "ERROR");
            for (ProverCircuitInstance i : instances) {
                if (verbose) {
                    t.row(i.id().type().label, i.id().index(), i.status().name().toLowerCase(java.util.Locale.ROOT), i.attempts(),
                            i.workerId(), Table.time(i.startedAt()), Table.time(i.heartbeatAt()), Table.time(i.finishedAt()),
                            Table.millis(i.vectorMs()), Table.millis(i.queueMs()), Table.millis(i.proveMs()), i.proofKey(), i.error());
                } else {
                    t.row(i.id().type().label, i.id().index(), i.status().name().toLowerCase(java.util.Locale.ROOT), i.attempts(),
                            i.workerId(), Table.millis(i.vectorMs()), Table.millis(i.queueMs()), Table.millis(i.proveMs()),
                            Table.brief(i.error(), 100));
                }
            }
            t.print(out, "    ");
        }

        /** Per layer and round (every proof with -v): how many proofs, where they stand, proving time. */
        private void printAggregationProofs(ProverDatabase db, ProverBatch b, PrintWriter out) {
            List<ProverAggregationProof> proofs = db.aggregationProofs().findByBatch(b.id());
            if (proofs.isEmpty()) {
                return;
            }
            out.println("  aggregation proofs: " + proofs.size() + " (" + counts(proofs) + ")");
            if (verbose) {
                Table t = new Table("PROOF", "STATUS", "ATTEMPTS", "WORKER", "STARTED", "HEARTBEAT", "FINISHED", "LOADING",
                        "QUEUE WAIT", "PROVING", "PROOF KEY", "ERROR");
                for (ProverAggregationProof p : proofs) {
                    t.row(p.id().name(), status(p.status()), p.attempts(), p.workerId(), Table.time(p.startedAt()),
                            Table.time(p.heartbeatAt()), Table.time(p.finishedAt()), Table.millis(p.loadMs()),
                            Table.millis(p.queueMs()), Table.millis(p.proveMs()), p.proofKey(), p.error());
                }
                t.print(out, "    ");
                return;
            }
            Table t = new Table("LAYER", "ROUND", "PROOFS", "STATUS", "PROVING", "ERROR");
            Map<String, List<ProverAggregationProof>> rounds = proofs.stream().collect(Collectors.groupingBy(
                    p -> p.id().layer().dbValue() + " " + p.id().round(), java.util.LinkedHashMap::new, Collectors.toList()));
            for (List<ProverAggregationProof> round : rounds.values()) {
                ProverAggregationProof first = round.getFirst();
                long proving = round.stream().mapToLong(p -> p.proveMs() == null ? 0 : p.proveMs()).sum();
                String error = round.stream().map(ProverAggregationProof::error).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null);
                t.row(first.id().layer().dbValue(), first.id().round(), round.size(), counts(round), Table.millis(proving),
                        Table.brief(error, 100));
            }
            t.print(out, "    ");
        }

        private static String counts(List<ProverAggregationProof> proofs) {
            return proofs.stream().collect(Collectors.groupingBy(ProverAggregationProof::status, TreeMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> e.getValue() + " " + status(e.getKey())).collect(Collectors.joining(", "));
        }

        private static String status(InstanceStatus s) {
            return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
