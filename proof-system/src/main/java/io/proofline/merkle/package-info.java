/**
 * Merkle commitments to the rows of column-major matrices: trees with caps, authentication paths,
 * batch openings and their verification. Leaves are Poseidon2 sponge hashes of rows, inner nodes
 * two-to-one compressions (see {@link io.proofline.poseidon2.Poseidon2Hash}).
 */
package io.proofline.merkle;
