/**
 * The base circuits: transfer execution and storage application, their capacities and keys,
 * and the in-circuit hashing they share.
 */
package io.proofline.circuits.base;
