/** Micrometer gauges over the prover tables and the job repository, stage timers, and GET /queue_report. */
package io.proofline.jobs.metrics;
