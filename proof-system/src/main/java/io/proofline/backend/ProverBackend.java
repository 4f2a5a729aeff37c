package io.proofline.backend;

import io.proofline.ntt.Ntt;

/**
 * A provider of the prover's hot loops. {@link JavaBackend} is the reference; the native (C,
 * CUDA) back ends of {@code native-bindings} plug in behind this interface through
 * {@link ProverBackendProvider} and agree with it bit for bit. A caller passes a back end in,
 * e.g. in a prover config; {@link ProverBackends} picks one from the
 * {@code proofline.prover.backend} setting.
 */
public interface ProverBackend {

    /** A short name for logs and benchmarks, e.g. {@code java}, {@code native-cpu}, {@code cuda}. */
    String name();

    /** Batched NTT and coset low-degree extension over columns. */
    Ntt ntt();

    /** Leaf hashing and Merkle tree building. */
    MerkleHasher merkleHasher();

    /** FRI folding. */
    FriFolder friFolder();

    /** The pure Java backend. */
    static ProverBackend java() {
        return JavaBackend.INSTANCE;
    }
}
