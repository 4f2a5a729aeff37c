/**
 * Goldilocks field arithmetic: the base field {@code p = 2^64 - 2^32 + 1}, its quadratic
 * extension {@code F[x]/(x^2 - 7)}, and two-adic roots of unity.
 *
 * <p>Elements are Java {@code long}s holding the canonical representative in {@code [0, p)},
 * read as unsigned. Every public operation takes canonical inputs and returns canonical
 * outputs, so arrays of elements can cross to native code and to disk without conversion.
 */
package io.proofline.field;
