/**
 * The batchProof job: one job instance per batch, identified by {@code chainId} and
 * {@code batchNumber}, whose steps are the pipeline stages. Manager and worker sides are
 * separate configurations sharing the request channels and the job repository.
 */
package io.proofline.jobs.batchproof;
