package io.proofline.backend;

import io.proofline.ntt.JavaNtt;
import io.proofline.ntt.Ntt;

/** The pure Java reference backend, using every available core. */
final class JavaBackend implements ProverBackend {

    static final JavaBackend INSTANCE = new JavaBackend();

    private final Ntt ntt = new JavaNtt();
    private final MerkleHasher merkleHasher = new JavaMerkleHasher();
    private final FriFolder friFolder = new JavaFriFolder();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public Ntt ntt() {
        return ntt;
    }

    @Override
    public MerkleHasher merkleHasher() {
        return merkleHasher;
    }

    @Override
    public FriFolder friFolder() {
        return friFolder;
    }
}
