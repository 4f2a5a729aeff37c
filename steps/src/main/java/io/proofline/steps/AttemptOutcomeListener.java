package io.proofline.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * Writes the outcome of a proving partition (a circuit instance, a leaf, node or scheduler
 * proof) to its row in the prover tables from the partition's own step, so that the row's
 * {@code successful} or {@code failed} says what Spring Batch says of that step. The tasklet
 * keeps only the claim: it takes the row, beats while it works and records its proof while it
 * still holds the row.
 * <ul>
 *   <li>Successful as the partition's one chunk completes, which is before the step's end is
 *       saved: a manager polling the job repository never sees the partition complete while its
 *       row still says in progress. No recorded proof fails the step.</li>
 *   <li>Failed, with the step's first failure, after a step that did not complete. Only this
 *       worker's attempt in progress is failed: a partition refused because another worker holds
 *       the row leaves that worker's claim alone.</li>
 * </ul>
 * A worker that dies runs no listener; the house keeper's stale-partition recovery fails its
 * row and its step when the heartbeats stop.
 */
public final class AttemptOutcomeListener implements ChunkListener<Object, Object>, StepExecutionListener {

    private static final System.Logger LOG = System.getLogger(AttemptOutcomeListener.class.getName());
    /** Enough of a failure's causes to say what went wrong, short enough for the row. */
    private static final int CAUSES = 3;

    private final Predicate<StepExecution> markSuccessful;
    private final BiConsumer<StepExecution, String> markFailed;

    /**
     * @param markSuccessful marks the row that the partition names successful; false when it has no recorded proof
     * @param markFailed fails this worker's attempt in progress on the row the partition names, with an error
     */
    public AttemptOutcomeListener(Predicate<StepExecution> markSuccessful, BiConsumer<StepExecution, String> markFailed) {
        this.markSuccessful = markSuccessful;
        this.markFailed = markFailed;
    }

    /**
     * A tasklet step's chunk completed. Spring Batch 6.0 deprecates this form for the new
     * chunk-oriented steps, but {@code TaskletStep} still calls only this one, between the
     * chunk's commit and the save of the step's end, which is the moment this listener needs.
     */
    @Override
    @SuppressWarnings("removal")
    public void afterChunk(ChunkContext context) {
        StepExecution partition = context.getStepContext().getStepExecution();
        if (!markSuccessful.test(partition)) {
            throw new IllegalStateException(partition.getStepName() + " finished without a recorded proof");
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution partition) {
        if (SupersededRequestGuard.superseded(partition)) {
            // a stale request, not an attempt: the row may be this worker's attempt of the newer execution
            LOG.log(System.Logger.Level.INFO, partition.getStepName() + " not run: " + error(partition));
            return partition.getExitStatus();
        }
        if (partition.getStatus() != BatchStatus.COMPLETED) {
            String error = error(partition);
            markFailed.accept(partition, error);
            LOG.log(System.Logger.Level.WARNING, partition.getStepName() + " ended " + partition.getStatus() + ": " + error);
        }
        return partition.getExitStatus();
    }

    /** The first failure and its causes, else the exit description, else the status. */
    static String error(StepExecution partition) {
        if (!partition.getFailureExceptions().isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (Throwable t = partition.getFailureExceptions().getFirst(); t != null && messages.size() < CAUSES; t = t.getCause()) {
                String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
                if (!messages.contains(message)) {
                    messages.add(message);
                }
            }
            return String.join(": ", messages);
        }
        String description = partition.getExitStatus().getExitDescription();
        return description.isEmpty() ? "step " + partition.getStatus() : description;
    }
}
