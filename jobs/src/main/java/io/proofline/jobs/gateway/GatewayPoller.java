package io.proofline.jobs.gateway;

import io.proofline.jobs.batchproof.BatchLauncher;
import io.proofline.steps.gateway.CoreClient;
import io.proofline.steps.gateway.CoreRejectedException;
import io.proofline.steps.gateway.CoreUnavailableException;
import io.proofline.steps.gateway.MalformedCoreResponseException;
import io.proofline.steps.gateway.ProofGenerationData;
import io.proofline.storage.objects.ObjectKeys;
import io.proofline.storage.objects.ObjectStore;
import io.proofline.storage.objects.StoredObject;
import io.proofline.storage.tables.BatchId;
import io.proofline.storage.tables.ProtocolVersionKeys;
import io.proofline.storage.tables.ProtocolVersionsDal;
import io.proofline.storage.tables.ProverBatchesDal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Asks the core for the next batch on a fixed delay (or once, as a task), while the launcher
 * has room for another job; stores its witness inputs, records the batch and launches its job. While the launcher is
 * full the gateway does not ask, so the core keeps the batch sealed for another prover. The witness inputs are stored and recorded before the job
 * starts, so a crash between the two loses nothing: the core hands the batch out again after
 * its pick timeout, and recording it again is a no-op. The batch's protocol version is recorded
 * first, with every key commitment the core verifies its proofs against (base circuits and
 * recursion layers), so that each batch row references its version's keys. A batch whose job has
 * failed as many times as the house keeper allows is not launched again ({@link FailedJobLimit}).
 * After refusing a batch the gateway takes none for {@code proofline.gateway.refusal-pause}: the
 * core holds each batch it hands out until its pick timeout, so a prover that polled on would hold
 * back most new batches from the provers that can prove them.
 */
public final class GatewayPoller {

    private static final System.Logger LOG = System.getLogger(GatewayPoller.class.getName());

    private final CoreClient core;
    private final ObjectStore store;
    private final ProtocolVersionsDal versions;
    private final ProverBatchesDal batches;
    private final BatchLauncher launcher;
    private final KeyHandshake keys;
    private final FailedJobLimit limit;
    private final Duration refusalPause;
    private final Clock clock;
    private boolean coreWasDown;
    /** Set when a batch was refused: no batch is taken before it. */
    private Instant pausedUntil = Instant.MIN;

    GatewayPoller(CoreClient core, ObjectStore store, ProtocolVersionsDal versions, ProverBatchesDal batches,
                  BatchLauncher launcher, KeyHandshake keys, FailedJobLimit limit, Duration refusalPause, Clock clock) {
        this.core = core;
        this.store = store;
        this.versions = versions;
        this.batches = batches;
        this.launcher = launcher;
        this.keys = keys;
        this.limit = limit;
        this.refusalPause = refusalPause;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${proofline.gateway.poll-interval:2s}")
    public void poll() {
        if (paused()) {
            return;
        }
        Optional<String> busy = launcher.busy();
        if (busy.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "not taking a batch: " + busy.get());
            return;
        }
        Optional<ProofGenerationData> next;
        try {
            next = core.fetchNext();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (CoreRejectedException e) {
            LOG.log(System.Logger.Level.ERROR, "the core refused the gateway's request: " + e.getMessage());
            return;
        } catch (MalformedCoreResponseException e) {
            // nothing was taken: the core hands the batch out again after its pick timeout
            LOG.log(System.Logger.Level.ERROR, "the core's answer could not be read, will poll again: " + e.getMessage());
            return;
        } catch (CoreUnavailableException e) {
            if (!coreWasDown) {
                LOG.log(System.Logger.Level.WARNING, "core unavailable, will keep polling: " + e.getMessage());
            }
            coreWasDown = true;
            return;
        }
        if (coreWasDown) {
            LOG.log(System.Logger.Level.INFO, "core reachable again");
            coreWasDown = false;
        }
        next.ifPresent(this::accept);
    }

    /** Pauses taking batches after a refusal; says until when. */
    private String pause() {
        pausedUntil = clock.instant().plus(refusalPause);
        return refusalPause.isZero() ? "" : "; taking no batch for " + refusalPause + " (proofline.gateway.refusal-pause)";
    }

    /** Whether the gateway is taking no batch now, after refusing one. */
    boolean paused() {
        return clock.instant().isBefore(pausedUntil);
    }

    void accept(ProofGenerationData data) {
        BatchId id = new BatchId(data.chainId(), data.batchNumber());
        Optional<String> mismatch = keys.mismatch(data);
        if (mismatch.isPresent()) {
            // nothing is stored or launched: the core hands the batch out again after its pick
            // timeout, to a prover with the right keys
            LOG.log(System.Logger.Level.ERROR, "not proving " + id + ", its keys are not this prover's: " + mismatch.get()
                    + pause());
            return;
        }
        if (limit.reachedLogged(id).isPresent()) {
            // as the house keeper leaves it: the core hands the batch out again after its pick timeout
            return;
        }
        ProtocolVersionKeys versionKeys = ProtocolVersionKeys.of(data.protocolVersion(), data.verificationKeys(), data.recursionKeys());
        try {
            if (versions.register(versionKeys)) {
                LOG.log(System.Logger.Level.INFO, "protocol version " + data.protocolVersion() + " recorded with keys " + versionKeys.all());
            }
        } catch (IllegalStateException e) {
            // this database knows the version with other keys (recorded by a prover of another build)
            LOG.log(System.Logger.Level.ERROR, "not proving " + id + ": " + e.getMessage() + pause());
            return;
        }
        StoredObject stored = store.put(ObjectKeys.witnessInputs(id.chainId(), id.batchNumber()), data.witnessInputData());
        boolean fresh = batches.insertReceived(id, data.protocolVersion(), stored.key(), stored.sha256Hex(), data.batchCommitment().toString());
        LOG.log(System.Logger.Level.INFO, (fresh ? "received " : "received again ") + id);
        launcher.launch(id);
    }
}
