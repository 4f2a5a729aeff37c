package io.proofline.steps.data;

/** The key commitments (0x-hex) a protocol version's proofs are verified against. */
public record ProtocolVersionKeys(int protocolVersion, String transferExecutionKey, String storageApplicationKey) {
}
