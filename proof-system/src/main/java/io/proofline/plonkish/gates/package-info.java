/**
 * The gate kinds of the Plonkish constraint system. Each gate constrains the cells of one row
 * (one or more instances side by side) and writes its constraints once, generically over an
 * {@link io.proofline.plonkish.gates.Algebra}: the prover evaluates them over blocks of base
 * field points, the verifier at one extension-field point, the satisfiability checker on rows.
 */
package io.proofline.plonkish.gates;
