/**
 * FRI, the low-degree test: parameters with their security counts (conjectured, and proven for
 * the query phase), the prover (commit phase with folding, final polynomial in the clear, proof
 * of work, query phase), the verifier, and the proof format.
 *
 * <p>Codewords are extension-field evaluations on a coset {@code shift * <w>} of a two-adic
 * subgroup, in bit-reversed order, so that every folding coset is a contiguous block and one
 * Merkle leaf.
 */
package io.proofline.fri;
