/**
 * The prover gateway's side of the core's proof data handler API: taking the next batch to
 * prove ({@code POST /proof_generation_data}) and handing its proof back
 * ({@code POST /submit_proof/{batchNumber}}). Failures are sorted into retryable (core down,
 * timeouts, 5xx: retried with backoff, then {@link io.proofline.steps.gateway.CoreUnavailableException})
 * and final (4xx, malformed answers); the caller records the outcome.
 */
package io.proofline.steps.gateway;
