package io.proofline.cli;

import picocli.CommandLine.Option;

/** Which batch a command acts on: {@code -b N}, on {@code --chain-id} or the only chain that has it. */
final class BatchOptions {

    @Option(names = {"-b", "--batch"}, required = true, paramLabel = "N", description = "the batch number")
    long batchNumber;

    @Option(names = "--chain-id", paramLabel = "ID", description = "the chain (needed only when several chains have the batch)")
    Long chainId;
}
