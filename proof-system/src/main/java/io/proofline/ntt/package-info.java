/**
 * Number-theoretic transforms over the Goldilocks field: batched forward and inverse NTTs,
 * coset evaluation and the bit-reversed coset low-degree extension used by the commitment
 * scheme and FRI.
 *
 * <p>{@link io.proofline.ntt.Ntt} is the contract (column-major {@code long[][]}, canonical
 * elements, exact results); {@link io.proofline.ntt.JavaNtt} is the multi-threaded Java
 * implementation, which uses the Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}.
 */
package io.proofline.ntt;
