/**
 * Witness generation stages: loading a batch's witness inputs from the object store and
 * splitting its execution into base circuit instances, each stored for the provers.
 */
package io.proofline.steps.witness;
