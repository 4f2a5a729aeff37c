package io.proofline.plonkish;

/** A circuit variable: an index into the witness's variable values. */
public record Variable(int index) {
}
