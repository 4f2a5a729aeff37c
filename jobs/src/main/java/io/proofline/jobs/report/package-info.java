/** Read-only reports over the job repository, for benchmarks and operators. */
package io.proofline.jobs.report;
