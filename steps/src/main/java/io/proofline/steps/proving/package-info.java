/**
 * Base circuit proving: the partitioner that makes one partition per circuit instance and the
 * tasklet a worker runs for one instance (witness vector, proof, record).
 */
package io.proofline.steps.proving;
