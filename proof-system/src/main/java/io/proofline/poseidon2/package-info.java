/**
 * The Poseidon2 permutation over Goldilocks (width 12), the sponge and the two-to-one
 * compression built on it. Every hash in Proofline (Merkle trees, transcripts, key commitments)
 * goes through this package.
 */
package io.proofline.poseidon2;
