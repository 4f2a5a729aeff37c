/**
 * Length-checked binary encoding shared by Proofline's formats: a magic header, a version, then
 * little-endian 64-bit words. Readers reject truncated, oversized and malformed input with a
 * {@link io.proofline.codec.FormatException} naming what was wrong.
 */
package io.proofline.codec;
