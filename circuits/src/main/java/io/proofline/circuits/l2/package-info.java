/**
 * The L2 that Proofline proves: accounts in a depth-20 sparse Merkle tree hashed with Poseidon2,
 * the three transaction kinds with the sequencer's validity rules, and the batch commitment.
 *
 * <p>Balances and amounts are integers below {@link io.proofline.circuits.l2.Account#MAX_BALANCE}
 * ({@code 2^62}): the sum of two of them then stays below the field modulus, so the circuits'
 * range checks detect overflow exactly.
 */
package io.proofline.circuits.l2;
