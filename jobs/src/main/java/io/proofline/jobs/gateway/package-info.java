/** The prover gateway: polls the core for batches to prove and launches their jobs. */
package io.proofline.jobs.gateway;
