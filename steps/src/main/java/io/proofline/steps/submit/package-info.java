/** Submission: handing a batch's proof back to the core and recording its answer. */
package io.proofline.steps.submit;
