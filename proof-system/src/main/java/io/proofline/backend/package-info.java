/**
 * The backend SPI: the hot loops of the prover behind small interfaces, so that native (C and
 * CUDA) implementations can replace the pure Java reference.
 *
 * <p>Data layout across the SPI, which every backend must match bit for bit:
 * <ul>
 *   <li>field elements are {@code long}s in canonical form {@code [0, p)}, little-endian when
 *       serialized;</li>
 *   <li>matrices are column-major: {@code long[column][row]}, all columns of one length;</li>
 *   <li>digests are four consecutive elements; a digest array holds digest {@code i} at
 *       {@code [4i, 4i+4)};</li>
 *   <li>extension elements are two parallel arrays ({@code c0}, {@code c1});</li>
 *   <li>evaluation vectors handed to FRI are in bit-reversed order (see {@code Ntt#cosetLde}).</li>
 * </ul>
 */
package io.proofline.backend;
