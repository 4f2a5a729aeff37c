package io.proofline.nativebackend;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.FriFolder;
import io.proofline.backend.LdeCommitment;
import io.proofline.backend.MerkleHasher;
import io.proofline.backend.PooledArena;
import io.proofline.backend.ProverBackend;
import io.proofline.ntt.Ntt;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A {@link ProverBackend} on one native library: {@link #cpu()} on the portable C build,
 * {@link #cuda()} on the CUDA build. Both export the same symbols; each back end looks them up
 * in its own library only.
 */
public final class NativeBackend implements ProverBackend {

    private static final System.Logger LOG = System.getLogger(NativeBackend.class.getName());

    private final NativeLibrary library;
    private final String name;
    private final Ntt ntt;
    private final MerkleHasher merkleHasher;
    private final FriFolder friFolder;

    private NativeBackend(NativeLibrary library) {
        this.library = library;
        this.name = library.backendName();
        this.ntt = new NativeNtt(library);
        this.merkleHasher = new NativeMerkleHasher(library);
        this.friFolder = new NativeFriFolder(library);
    }

    /** The portable C build ({@code native-cpu}). */
    public static NativeBackend cpu() {
        NativeBackend b = new NativeBackend(NativeLibrary.load(NativeLibrary.CPU));
        LOG.log(Level.INFO, "native-cpu back end: {0} kernels, {1} threads, {2}", b.library.kernelSet(),
                Runtime.getRuntime().availableProcessors(), b.library.path());
        return b;
    }

    /**
     * The CUDA build ({@code cuda}).
     *
     * @throws IllegalStateException naming the problem when the library was not built or there
     *     is no usable GPU or driver
     */
    public static NativeBackend cuda() {
        NativeBackend b = new NativeBackend(NativeLibrary.load(NativeLibrary.CUDA));
        int devices;
        try {
            devices = b.library.deviceCount();
        } catch (NativeBackendException e) {
            throw new IllegalStateException("the cuda prover back end cannot run here: " + e.getMessage(), e);
        }
        if (devices < 1) {
            throw new IllegalStateException("the cuda prover back end cannot run here: no CUDA device");
        }
        long[] memory = b.library.memoryInfo();
        LOG.log(Level.INFO, "cuda back end: {0} device(s), {1} MiB free of {2} MiB, {3}", devices,
                memory[0] >> 20, memory[1] >> 20, b.library.path());
        return b;
    }

    /** The library this back end calls. */
    public NativeLibrary library() {
        return library;
    }

    @Override
    public String name() {
        return name;
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

    /**
     * One native call for the extension, the row digests and the layers: the CUDA build hashes the
     * extension on the device while it copies it into the caller's arena. {@code extended} runs
     * after the call, so the extension and the hashing are not timed apart here.
     */
    @Override
    public LdeCommitment commit(long[][] coefficients, int logBlowup, long shift, int logCap, Arena arena,
                                Runnable extended) {
        LdeCommitment.checkArguments(coefficients, logCap);
        int logN = NativeNtt.logLength(coefficients);
        NativeNtt.extendedLog(logN, logBlowup);
        int logRows = logN + logBlowup;
        int cap = Math.min(logCap, logRows);
        long rows = 1L << logRows;
        ColumnMatrix lde = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, (int) rows);
        try (Arena scratch = PooledArena.confined()) {
            MemorySegment in = OffHeap.columns(scratch, coefficients, 1 << logN);
            MemorySegment digests = OffHeap.output(scratch, 4 * rows);
            MemorySegment layers = OffHeap.output(scratch, 4 * (rows - (1L << cap)));
            library.commitLde(in, coefficients.length, logN, logBlowup, shift, cap, lde.segment(), digests, layers);
            extended.run();
            long[][] tree = new long[logRows - cap + 1][];
            tree[0] = OffHeap.toArray(digests, 0, (int) (4 * rows));
            long offset = 0;
            for (int k = 1; k < tree.length; k++) {
                int size = (int) (4 * (rows >>> k));
                tree[k] = OffHeap.toArray(layers, offset, size);
                offset += size;
            }
            return new LdeCommitment(lde, tree);
        }
    }

    /** The extension straight into the caller's arena, with no copy back to the heap. */
    @Override
    public ColumnMatrix cosetLde(long[][] coefficients, int logBlowup, long shift, Arena arena) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one column");
        }
        int logN = NativeNtt.logLength(coefficients);
        NativeNtt.extendedLog(logN, logBlowup);
        int n = 1 << logN;
        int rows = 1 << (logN + logBlowup);
        ColumnMatrix lde = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, rows);
        try (Arena input = PooledArena.confined()) {
            MemorySegment in = OffHeap.columns(input, coefficients, n);
            library.cosetLde(in, coefficients.length, logN, logBlowup, shift, lde.segment());
        }
        return lde;
    }
}
