/**
 * The binary formats that stages hand each other through the object store: circuit instances
 * (basic witness generation to proving) and batch manifests (basic witness generation to
 * proving and aggregation). Both follow {@code io.proofline.codec}: magic, version, 64-bit
 * words, and a reader that rejects anything it did not write.
 */
package io.proofline.storage.format;
