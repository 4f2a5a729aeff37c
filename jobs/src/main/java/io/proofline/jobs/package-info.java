/**
 * The prover application: one Spring Boot program that runs the orchestrator (the batchProof
 * job's manager steps and the gateway) and the worker roles (witness generator, circuit
 * prover), chosen by {@code proofline.roles}.
 */
package io.proofline.jobs;
