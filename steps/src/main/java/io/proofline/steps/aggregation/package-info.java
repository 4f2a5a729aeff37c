/**
 * Aggregation: the base proofs of a batch turned into its one recursive proof (or, under protocol
 * version 1, checked and bundled).
 */
package io.proofline.steps.aggregation;
