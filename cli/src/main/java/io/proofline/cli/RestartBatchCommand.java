package io.proofline.cli;

import io.proofline.jobs.ProoflineJobsApplication;
import io.proofline.jobs.batchproof.RestartCommand;
import io.proofline.storage.tables.BatchStatus;
import io.proofline.storage.tables.ProverBatch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restart -b N}: runs the prover's restart path ({@link RestartCommand}, what
 * {@code ./proofline prover --proofline.restart=<chainId>:<batchNumber>} does) in this process,
 * against the same database: lost partitions are failed, the batch's job is restarted and
 * re-runs only what did not complete, and the command returns when the job ends. Refused for a
 * submitted batch or a job that completed or is running. {@code --from-scratch} first discards
 * the batch's stored work (its circuit instances, its recursion proofs, its job's history, the
 * manifest and batch proof keys; status back to received), so that the job starts over from the witness inputs.
 * Arguments after {@code --} go to the prover application (e.g. {@code --proofline.keys-dir=...}).
 */
@Command(name = "restart", description = "Restarts the batch's job in this process; --from-scratch discards its stored work first.")
final class RestartBatchCommand implements Runnable {

    @Mixin
    DatabaseOptions database;

    @Mixin
    BatchOptions batchOptions;

    @Option(names = "--from-scratch", description = "discard the batch's circuit instances, recursion proofs and job history first (asks for confirmation)")
    boolean fromScratch;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--prepare-only", description = "check (and with --from-scratch, discard), then print the prover command instead of running it")
    boolean prepareOnly;

    @Parameters(paramLabel = "PROVER_ARGS", description = "after --: settings for the prover application")
    List<String> proverArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProverDatabase db = database.open();
        PrintWriter out = spec.commandLine().getOut();
        ProverBatch batch = db.batch(batchOptions.chainId, batchOptions.batchNumber);
        if (batch.status() == BatchStatus.SUBMITTED) {
            throw CliFailure.refused(batch.id() + " is submitted: its proof was accepted, there is nothing to restart");
        }
        db.runningExecution(batch.id()).ifPresent(e -> {
            throw CliFailure.refused("job execution " + e.id() + " of " + batch.id() + " is " + e.status() + " (last updated "
                    + Table.time(e.lastUpdated()) + "): its partitions are still being proven. If a worker died, requeue -b "
                    + batch.id().batchNumber() + " fails its lost partitions and the job fails; restart it then");
        });
        if (!fromScratch) {
            db.jobInstance(batch.id()).map(db::jobExecutions).map(List::getLast).filter(e -> e.status().equals("COMPLETED"))
                    .ifPresent(e -> {
                        throw CliFailure.refused("job execution " + e.id() + " of " + batch.id() + " completed; the batch is "
                                + batch.status().dbValue() + " (--from-scratch proves it again)");
                    });
        } else {
            if (!yes) {
                ProverCli.confirm(spec, "Discard the stored work of " + batch.id() + " (" + batch.status().dbValue()
                        + ") and prove it again from its witness inputs?");
            }
            discard(db, batch);
            out.println("discarded the circuit instances, recursion proofs, job history, manifest and batch proof of " + batch.id()
                    + "; it is received again");
        }
        String restart = "--" + RestartCommand.PROPERTY + "=" + batch.id().chainId() + ":" + batch.id().batchNumber();
        if (prepareOnly) {
            out.println("to restart: ./proofline prover " + restart + " --spring.datasource.url=" + database.url
                    + (proverArgs.isEmpty() ? "" : " " + String.join(" ", proverArgs)));
            return;
        }
        List<String> args = new ArrayList<>(List.of(restart, "--proofline.roles=orchestrator",
                "--spring.datasource.url=" + database.url, "--spring.datasource.username=" + database.user,
                "--spring.datasource.password=" + (database.password == null ? "" : database.password)));
        args.addAll(proverArgs);
        out.println("restarting the job of " + batch.id() + " (" + restart + ") ...");
        out.flush();
        int code;
        try {
            ConfigurableApplicationContext context = ProoflineJobsApplication.builder().run(args.toArray(String[]::new));
            code = SpringApplication.exit(context);
        } catch (RuntimeException e) {
            throw CliFailure.refused("the restart of " + batch.id() + " failed: " + Table.brief(rootMessage(e), 500));
        }
        ProverBatch after = db.batches().find(batch.id()).orElseThrow();
        out.println("the job of " + batch.id() + " ended " + (code == 0 ? "COMPLETED" : "without completing")
                + "; the batch is " + after.status().dbValue());
        if (code != 0) {
            throw CliFailure.refused("the restarted job did not complete: status batch -n " + batch.id().batchNumber() + " -v says why");
        }
    }

    private static void discard(ProverDatabase db, ProverBatch batch) {
        new TransactionTemplate(new JdbcTransactionManager(db.dataSource())).executeWithoutResult(tx -> {
            db.lockIdleJobInstance(batch.id()).ifPresent(db::deleteJobInstance);
            db.jdbc().sql("DELETE FROM prover_circuit_instances WHERE chain_id = :chain AND batch_number = :batch")
                    .param("chain", batch.id().chainId()).param("batch", batch.id().batchNumber()).update();
            // the rerun's aggregation partitioner keeps rows already there and reuses their proofs
            db.aggregationProofs().deleteByBatch(batch.id());
            db.jdbc().sql("""
                    UPDATE prover_batches SET status = 'received', job_execution_id = NULL, manifest_key = NULL,
                        batch_proof_key = NULL, batch_proof_sha256 = NULL, submit_status = NULL, submit_answer = NULL,
                        submitted_at = NULL, updated_at = now()
                    WHERE chain_id = :chain AND batch_number = :batch""")
                    .param("chain", batch.id().chainId()).param("batch", batch.id().batchNumber()).update();
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
