/** Micrometer timings and counts recorded inside steps, through the global registry. */
package io.proofline.steps.metrics;
