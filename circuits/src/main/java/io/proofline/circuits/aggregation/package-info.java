/**
 * Recursive aggregation of a batch's base proofs into one proof: {@link
 * io.proofline.circuits.aggregation.LeafCircuit leaf} circuits verify base proofs of one type
 * and expose the range of closed-form I/O they cover, {@link
 * io.proofline.circuits.aggregation.NodeCircuit node} circuits verify leaves or nodes and check
 * adjacency, and the {@link io.proofline.circuits.aggregation.SchedulerCircuit scheduler}
 * verifies the top proof of each type, checks the batch's chaining in circuit and exposes the
 * batch commitment. {@link io.proofline.circuits.aggregation.AggregationPlan} lays out the tree.
 *
 * <p>The in-circuit verification of an inner proof is injected ({@link
 * io.proofline.circuits.aggregation.InnerProofCheck}); these circuits own only the composition.
 */
package io.proofline.circuits.aggregation;
