package io.proofline.plonkish;

/** Computes the values of some variables from the values of others. */
@FunctionalInterface
public interface WitnessResolver {

    long[] resolve(long[] inputs);
}
