package io.proofline.core.batches;

import io.proofline.circuits.aggregation.AggregatedBatchProof;
import io.proofline.circuits.aggregation.AggregatedBatchProofCodec;
import io.proofline.circuits.aggregation.AggregatedProofVerifier;
import io.proofline.circuits.batch.BatchProof;
import io.proofline.circuits.batch.BatchProofCodec;
import io.proofline.circuits.batch.BatchProofRejectedException;
import io.proofline.codec.FormatException;
import io.proofline.core.api.ApiException;
import io.proofline.core.keys.ProtocolKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts a batch proof only after checking it against the registered keys and the batch's
 * stored header: one aggregated proof for a version with recursion keys, the bundle of base
 * proofs for version 1. The proof's size and verification time are stored with it; a proof that fails leaves the batch as it was, to be proven again.
 */
@Service
final class ProofSubmissions {

    static final String BUNDLE = "PLBATCH1";
    static final String AGGREGATED = "PLBATCH2";

    private static final System.Logger LOG = System.getLogger(ProofSubmissions.class.getName());

    private final BatchRepository batches;
    private final ProtocolKeys keys;

    ProofSubmissions(BatchRepository batches, ProtocolKeys keys) {
        this.batches = batches;
        this.keys = keys;
    }

    /**
     * @return whether this submission proved the batch (false: it was proven already)
     * @throws ApiException 404 for an unknown batch, 400 for anything wrong with the proof
     */
    boolean submit(long batchNumber, SubmitProofRequest request) {
        BatchRow batch = batches.find(batchNumber)
                .orElseThrow(() -> ApiException.notFound("batch " + batchNumber + " does not exist"));
        if (request.protocolVersion() == null) {
            throw ApiException.badRequest("missing field 'protocolVersion'");
        }
        if (request.proof() == null) {
            throw ApiException.badRequest("missing field 'proof'");
        }
        if (request.protocolVersion() != batch.protocolVersion()) {
            throw ApiException.badRequest("batch " + batchNumber + " was sealed under protocol version "
                    + batch.protocolVersion() + ", not " + request.protocolVersion());
        }
        if (batch.protocolVersion() != keys.protocolVersion()) {
            throw new ApiException(HttpStatus.CONFLICT, "batch " + batchNumber + " belongs to protocol version "
                    + batch.protocolVersion() + " but this core verifies version " + keys.protocolVersion());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(request.proof());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("proof is not valid base64: " + e.getMessage());
        }
        long start = System.nanoTime();
        String described = keys.aggregated() ? verifyAggregated(batch, bytes) : verifyBundle(batch, bytes);
        double verificationMs = (System.nanoTime() - start) / 1e6;
        boolean first = batches.markProven(batchNumber, bytes, verificationMs);
        LOG.log(System.Logger.Level.INFO, "Batch " + batchNumber + (first ? " proven" : " was already proven; proof verified again")
                + " (" + described + ", " + bytes.length + " bytes, verified in " + String.format("%.1f", verificationMs) + " ms)");
        return first;
    }

    /** Version 1: the bundle of base proofs, checked proof by proof and for their chaining. */
    private String verifyBundle(BatchRow batch, byte[] bytes) {
        requireFormat(bytes, BUNDLE, AGGREGATED);
        BatchProof proof;
        try {
            proof = BatchProofCodec.decode(bytes);
        } catch (FormatException | IllegalArgumentException e) {
            throw ApiException.badRequest("malformed proof: " + e.getMessage());
        }
        verify(batch, () -> keys.verifier().verify(batch.header(), proof));
        return proof.proofs().size() + " base proofs";
    }

    /** From version 2: one scheduler proof, whose cost does not depend on the batch. */
    private String verifyAggregated(BatchRow batch, byte[] bytes) {
        requireFormat(bytes, AGGREGATED, BUNDLE);
        AggregatedBatchProof proof;
        try {
            proof = AggregatedBatchProofCodec.decode(bytes);
        } catch (FormatException | IllegalArgumentException e) {
            throw ApiException.badRequest("malformed proof: " + e.getMessage());
        }
        AggregatedProofVerifier verifier = keys.aggregatedVerifier().orElseThrow();
        verify(batch, () -> verifier.verify(batch.header(), proof));
        return "one aggregated proof";
    }

    private void verify(BatchRow batch, Runnable check) {
        try {
            check.run();
        } catch (BatchProofRejectedException e) {
            LOG.log(System.Logger.Level.WARNING, "Proof for batch " + batch.batchNumber() + " rejected: " + e.getMessage());
            throw ApiException.badRequest("proof rejected: " + e.getMessage());
        }
    }

    /** Names both formats when a proof of the other one arrives, the likeliest mistake of a prover of another version. */
    private void requireFormat(byte[] bytes, String expected, String other) {
        if (bytes.length >= other.length()
                && new String(bytes, 0, other.length(), StandardCharsets.US_ASCII).equals(other)) {
            throw ApiException.badRequest("proof rejected: protocol version " + keys.protocolVersion() + " takes "
                    + describe(expected) + ", not " + describe(other));
        }
    }

    private static String describe(String magic) {
        return magic.equals(AGGREGATED) ? "one aggregated proof (" + AGGREGATED + ")"
                : "a bundle of base proofs (" + BUNDLE + ")";
    }
}
