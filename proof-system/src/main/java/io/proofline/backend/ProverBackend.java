package io.proofline.backend;

import io.proofline.ntt.Ntt;

/**
 * A provider of the prover's hot loops. {@link JavaBackend} is the reference and, for now, the
 * only implementation: native (C, CUDA) back ends will plug in behind this interface and must
 * agree with it bit for bit. Nothing discovers them yet (no {@link java.util.ServiceLoader} or
 * other lookup); a caller picks a backend by passing it in, e.g. in a prover config.
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
