package io.proofline.cli;

import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.tables.ProverBatch;
import java.io.PrintWriter;
import java.util.Optional;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delete -b N}: forgets a batch: its prover rows (the batch and its circuit instances)
 * and its job's rows in the job repository, in one transaction. Objects in the store are left
 * (their keys are printed); the core still knows the batch and hands it out again when its pick
 * times out, so the gateway takes it afresh. Refused while the batch's job runs.
 */
@Command(name = "delete", description = "Deletes a batch's prover rows and job history (asks for confirmation).")
final class DeleteCommand implements Runnable {

    @Mixin
    DatabaseOptions database;

    @Mixin
    BatchOptions batchOptions;

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ProverDatabase db = database.open();
        PrintWriter out = spec.commandLine().getOut();
        ProverBatch batch = db.batch(batchOptions.chainId, batchOptions.batchNumber);
        db.runningExecution(batch.id()).ifPresent(e -> {
            throw CliFailure.refused("job execution " + e.id() + " of " + batch.id() + " is " + e.status()
                    + ": stop it or let it end before deleting the batch");
        });
        Optional<Long> jobInstance = db.jobInstance(batch.id());
        int instances = db.instances().findByBatch(batch.id()).size();
        int aggregationProofs = db.aggregationProofs().findByBatch(batch.id()).size();
        String what = batch.id() + " (" + batch.status().dbValue() + ", " + instances + " circuit instance" + (instances == 1 ? "" : "s")
                + (aggregationProofs == 0 ? "" : ", " + aggregationProofs + " aggregation proof" + (aggregationProofs == 1 ? "" : "s"))
                + jobInstance.map(i -> ", job instance " + i + " with " + db.jobExecutions(i).size() + " execution(s)").orElse("") + ")";
        if (!yes) {
            ProverCli.confirm(spec, "Delete " + what + "?");
        }
        new TransactionTemplate(new JdbcTransactionManager(db.dataSource())).executeWithoutResult(tx -> {
            db.lockIdleJobInstance(batch.id()).ifPresent(db::deleteJobInstance);
            // circuit instances and aggregation proofs go with the batch (ON DELETE CASCADE)
            db.jdbc().sql("DELETE FROM prover_batches WHERE chain_id = :chain AND batch_number = :batch")
                    .param("chain", batch.id().chainId()).param("batch", batch.id().batchNumber()).update();
        });
        out.println("deleted " + what);
        out.println("left in the object store: " + batch.witnessInputsKey()
                + (batch.manifestKey() == null ? "" : ", " + batch.manifestKey())
                + (batch.batchProofKey() == null ? "" : ", " + batch.batchProofKey()) + " and the circuit inputs and proofs under them"
                + (aggregationProofs == 0 ? "" : ", the leaf and node proofs under "
                        + ObjectKeys.batchPrefix("aggregation_proofs", batch.id().chainId(), batch.id().batchNumber())));
    }
}
