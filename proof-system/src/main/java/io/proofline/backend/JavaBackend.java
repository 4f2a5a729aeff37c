package io.proofline.backend;

import io.proofline.ntt.JavaNtt;
import io.proofline.ntt.Ntt;
import java.lang.foreign.Arena;

/** The pure Java reference backend, using every available core. */
final class JavaBackend implements ProverBackend {

    static final JavaBackend INSTANCE = new JavaBackend();

    private final JavaNtt ntt = new JavaNtt();
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

    /** Each block of the extension goes off heap as it is made: no heap copy of the whole. */
    @Override
    public ColumnMatrix cosetLde(long[][] coefficients, int logBlowup, long shift, Arena arena) {
        ColumnMatrix lde = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, JavaNtt.extendedRows(coefficients, logBlowup));
        ntt.cosetLde(coefficients, logBlowup, shift, lde::write);
        return lde;
    }

    @Override
    public ColumnMatrix cosetEvaluations(long[][] coefficients, long shift, Arena arena) {
        ColumnMatrix values = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, JavaNtt.columnLength(coefficients));
        ntt.cosetEvaluations(coefficients, shift, values::write);
        return values;
    }
}
