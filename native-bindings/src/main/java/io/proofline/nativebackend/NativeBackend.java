package io.proofline.nativebackend;

import io.proofline.backend.ColumnMatrix;
import io.proofline.backend.ColumnSums;
import io.proofline.backend.DeepDivisions;
import io.proofline.backend.FriFolder;
import io.proofline.backend.Interpolation;
import io.proofline.backend.LdeCommitment;
import io.proofline.backend.MerkleHasher;
import io.proofline.backend.PooledArena;
import io.proofline.backend.ProverBackend;
import io.proofline.backend.QuotientProgram;
import io.proofline.field.Ext2;
import io.proofline.nativebackend.ffi.ProoflineNative;
import io.proofline.ntt.Ntt;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

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
     * after the call, so the extension and the hashing are not timed apart here. The library also
     * keeps the extension (the CUDA build on the device) for {@link #combineColumns}, until
     * {@code arena} closes; on a GPU with less than a quarter of its memory free after it, or
     * where the device turns out to have no room, the extension is not kept.
     */
    @Override
    public LdeCommitment commit(long[][] coefficients, int logBlowup, long shift, int logCap, Arena arena,
                                Runnable extended) {
        return commit(coefficients, null, logBlowup, shift, logCap, arena, extended);
    }

    /**
     * {@link #commit} from the values, in one library call that also writes the coefficients: the
     * CUDA build uploads the values once and makes the coefficients on the device.
     */
    @Override
    public Interpolation commitEvaluations(long[][] evaluations, int logBlowup, long shift, int logCap, Arena arena,
                                           Runnable extended) {
        long[][] coefficients = new long[evaluations.length][];
        LdeCommitment made = commit(evaluations, coefficients, logBlowup, shift, logCap, arena, extended);
        return new Interpolation(coefficients, made);
    }

    /**
     * pl_commit_lde of {@code in}, or, with {@code coefficients} not null, pl_commit_evaluations
     * of {@code in}, whose coefficients then fill {@code coefficients}.
     */
    private LdeCommitment commit(long[][] in, long[][] coefficients, int logBlowup, long shift, int logCap, Arena arena,
                                 Runnable extended) {
        LdeCommitment.checkArguments(in, logCap);
        int logN = NativeNtt.logLength(in);
        NativeNtt.extendedLog(logN, logBlowup);
        int logRows = logN + logBlowup;
        int cap = Math.min(logCap, logRows);
        long rows = 1L << logRows;
        int n = 1 << logN;
        ColumnMatrix lde = ColumnMatrix.allocateForOverwrite(arena, in.length, (int) rows);
        try (Arena scratch = PooledArena.confined()) {
            MemorySegment input = OffHeap.columns(scratch, in, n);
            MemorySegment made = coefficients == null ? MemorySegment.NULL : OffHeap.output(scratch, (long) in.length * n);
            MemorySegment digests = OffHeap.output(scratch, 4 * rows);
            MemorySegment layers = OffHeap.output(scratch, 4 * (rows - (1L << cap)));
            boolean keeping = roomToKeep(lde.segment().byteSize());
            MemorySegment keep = keeping ? scratch.allocate(ValueLayout.JAVA_LONG) : MemorySegment.NULL;
            try {
                commitCall(input, made, in.length, logN, logBlowup, shift, cap, lde, digests, layers, keep);
            } catch (NativeBackendException e) {
                if (!keeping || e.status() != ProoflineNative.PL_ERR_MEMORY()) {
                    throw e;
                }
                LOG.log(Level.WARNING, "{0}: no room to keep an extension of {1} x {2}, made again without: {3}", name,
                        in.length, rows, e.getMessage());
                keeping = false;
                commitCall(input, made, in.length, logN, logBlowup, shift, cap, lde, digests, layers, MemorySegment.NULL);
            }
            if (keeping) {
                keepUntilClosed(lde, keep.get(ValueLayout.JAVA_LONG, 0), arena);
            }
            extended.run();
            if (coefficients != null) {
                System.arraycopy(OffHeap.toColumns(made, in.length, n), 0, coefficients, 0, in.length);
            }
            long[] leaves = OffHeap.toArray(digests, 0, Math.toIntExact(4 * rows));
            return new LdeCommitment(lde, NativeMerkleHasher.toLayers(leaves, layers, logRows - cap + 1));
        }
    }

    private void commitCall(MemorySegment input, MemorySegment coefficients, int columns, int logN, int logBlowup, long shift,
                            int cap, ColumnMatrix lde, MemorySegment digests, MemorySegment layers, MemorySegment keep) {
        if (coefficients.equals(MemorySegment.NULL)) {
            library.commitLde(input, columns, logN, logBlowup, shift, cap, lde.segment(), digests, layers, keep);
        } else {
            library.commitEvaluations(input, columns, logN, logBlowup, shift, cap, coefficients, lde.segment(), digests,
                    layers, keep);
        }
    }

    /** Whether the library's handle for a matrix is the matrix's address: the CPU build, which reads it where it is. */
    private boolean handlesAreAddresses() {
        return !"cuda".equals(name);
    }

    /**
     * Whether to keep an extension of this many bytes: always in the CPU build (its handle is the
     * caller's copy), on a GPU only while a quarter of the device's memory stays free after it, so
     * that kept extensions (a setup's live as long as the setup) never starve later work.
     */
    private boolean roomToKeep(long bytes) {
        if (handlesAreAddresses()) {
            return true;
        }
        long[] memory = library.memoryInfo();
        return leavesAQuarterFree(memory[0], memory[1], bytes);
    }

    /** Whether {@code bytes} more in use still leave a quarter of {@code totalBytes} free, given {@code freeBytes} free now. */
    static boolean leavesAQuarterFree(long freeBytes, long totalBytes, long bytes) {
        return freeBytes - bytes >= totalBytes / 4;
    }

    /**
     * An extension the library keeps, known by the address of its matrix; compared by identity,
     * since the CPU build's handle is that address, which a later matrix may have too.
     */
    private static final class Kept {
        final long handle;
        final int columns;
        final int rows;

        Kept(long handle, int columns, int rows) {
            this.handle = handle;
            this.columns = columns;
            this.rows = rows;
        }
    }

    /** Records the handle, and lets it go when the arena holding the matrix closes (or, automatic, is collected). */
    private void keepUntilClosed(ColumnMatrix lde, long handle, Arena arena) {
        long address = lde.segment().address();
        Kept entry = new Kept(handle, lde.columns(), lde.rows());
        kept.put(address, entry);
        MemorySegment.NULL.reinterpret(arena, unused -> {
            // only this entry: once the memory is free, a later matrix may have the same address
            kept.remove(address, entry);
            try {
                library.release(handle);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: releasing a kept extension failed: {1}", name, e.getMessage());
            }
        });
    }

    /** The library's handles of these matrices, or null unless it keeps every one of them. */
    long[] handles(List<ColumnMatrix> matrices) {
        long[] handles = new long[matrices.size()];
        for (int i = 0; i < handles.length; i++) {
            ColumnMatrix m = matrices.get(i);
            Kept k = kept.get(m.segment().address());
            if (k == null || k.columns != m.columns() || k.rows != m.rows()) {
                return null;
            }
            handles[i] = k.handle;
        }
        return handles;
    }

    /**
     * The sums in the library when it keeps every matrix (the prover's extensions, all committed
     * here): the CUDA build reads them on the device, and only the two result columns cross.
     * Otherwise on the heap, as the Java back end.
     */
    @Override
    public long[][] combineColumns(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1) {
        int rows = ColumnSums.check(matrices, columns, weights0, weights1);
        long[] handles = handles(matrices);
        if (handles == null) {
            return ColumnSums.combine(matrices, columns, weights0, weights1);
        }
        long[] counts = new long[columns.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = columns[i];
        }
        try (Arena arena = PooledArena.confined()) {
            MemorySegment out0 = OffHeap.output(arena, rows);
            MemorySegment out1 = OffHeap.output(arena, rows);
            library.combineColumns(OffHeap.of(arena, handles), OffHeap.of(arena, counts), handles.length, rows,
                    OffHeap.of(arena, weights0), OffHeap.of(arena, weights1), out0, out1);
            return new long[][] {OffHeap.toArray(out0, 0, rows), OffHeap.toArray(out1, 0, rows)};
        } finally {
            // the library reads the matrices through raw handles, which keep nothing alive by themselves
            Reference.reachabilityFence(matrices);
        }
    }

    /**
     * The sums and the divisions in one library call when it keeps every matrix: the CUDA build
     * makes the codeword on the device from its copies of the extensions, and only the codeword
     * crosses. Otherwise the Java back end's way, with this back end's sums.
     */
    @Override
    public long[][] deepCodeword(List<ColumnMatrix> matrices, int[] columns, long[] weights0, long[] weights1,
                                 ColumnMatrix next, int nextColumns, long[] nextWeights0, long[] nextWeights1,
                                 long shift, Ext2 claimed, Ext2 claimedNext, Ext2 zeta, Ext2 zetaNext) {
        int rows = DeepDivisions.checkRows(matrices, next);
        ColumnSums.check(matrices, columns, weights0, weights1);
        ColumnSums.check(List.of(next), new int[] {nextColumns}, nextWeights0, nextWeights1);
        long[] handles = handles(matrices);
        long[] nextHandle = handles(List.of(next));
        if (handles == null || nextHandle == null) {
            return ProverBackend.super.deepCodeword(matrices, columns, weights0, weights1, next, nextColumns,
                    nextWeights0, nextWeights1, shift, claimed, claimedNext, zeta, zetaNext);
        }
        long[] counts = new long[columns.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = columns[i];
        }
        long[] values = {claimed.c0(), claimed.c1(), claimedNext.c0(), claimedNext.c1(), zeta.c0(), zeta.c1(),
                zetaNext.c0(), zetaNext.c1()};
        try (Arena arena = PooledArena.confined()) {
            MemorySegment out0 = OffHeap.output(arena, rows);
            MemorySegment out1 = OffHeap.output(arena, rows);
            try {
                library.deepCodeword(OffHeap.of(arena, handles), OffHeap.of(arena, counts), handles.length,
                        OffHeap.of(arena, weights0), OffHeap.of(arena, weights1), nextHandle[0], nextColumns,
                        OffHeap.of(arena, nextWeights0), OffHeap.of(arena, nextWeights1),
                        Integer.numberOfTrailingZeros(rows), shift, OffHeap.of(arena, values), out0, out1);
            } catch (IllegalArgumentException e) {
                // the only argument the checks above leave to the library: a point of the domain at zeta
                throw new ArithmeticException(e.getMessage());
            }
            return new long[][] {OffHeap.toArray(out0, 0, rows), OffHeap.toArray(out1, 0, rows)};
        } finally {
            Reference.reachabilityFence(matrices);
            Reference.reachabilityFence(next);
        }
    }

    @Override
    public boolean runsQuotientPrograms() {
        return true;
    }

    /**
     * The program run by the library over the extensions it kept (the CUDA build on the device,
     * where only the program, the public inputs and the quotient cross); null where it keeps not
     * all three, or the device has no room left for the quotient's buffers (with a warning).
     */
    @Override
    public long[][] quotient(QuotientProgram program, List<ColumnMatrix> extensions, long[] publicInput, int logRows,
                             int logBlowup, int rows, long shift) {
        if (extensions.size() != 3) {
            throw new IllegalArgumentException("a quotient reads setup, witness and products, got " + extensions.size()
                    + " extensions");
        }
        int extensionRows = extensions.getFirst().rows();
        int[] read = program.columnsRead();
        for (int i = 0; i < 3; i++) {
            ColumnMatrix e = extensions.get(i);
            if (e.rows() != extensionRows || e.rows() < 1 << logRows + logBlowup || e.columns() < read[i]) {
                throw new IllegalArgumentException("extension " + i + " of " + e.columns() + " x " + e.rows()
                        + " cannot serve a program reading " + read[i] + " columns on 2^" + (logRows + logBlowup) + " points");
            }
        }
        if (publicInput.length < rows) {
            throw new IllegalArgumentException(publicInput.length + " public input values for " + rows + " rows");
        }
        long[] handles = handles(extensions);
        if (handles == null) {
            return null;
        }
        long[] columns = new long[3];
        for (int i = 0; i < 3; i++) {
            columns[i] = extensions.get(i).columns();
        }
        try (Arena arena = PooledArena.confined()) {
            MemorySegment code = arena.allocateFrom(ValueLayout.JAVA_INT, program.code());
            MemorySegment out0 = OffHeap.output(arena, rows);
            MemorySegment out1 = OffHeap.output(arena, rows);
            long[] constants = program.constants();
            try {
                library.quotient(OffHeap.of(arena, handles), OffHeap.of(arena, columns),
                        Integer.numberOfTrailingZeros(extensionRows), logRows, logBlowup, rows, shift, code,
                        program.instructions(), OffHeap.of(arena, constants.length == 0 ? new long[1] : constants),
                        constants.length, program.registers(), OffHeap.of(arena, Arrays.copyOf(publicInput, rows)), out0, out1);
            } catch (NativeBackendException e) {
                if (e.status() != ProoflineNative.PL_ERR_MEMORY()) {
                    throw e;
                }
                // the quotient's buffers did not fit beside the kept extensions: the host evaluates it
                LOG.log(Level.WARNING, "{0}: no room for the quotient of {1} rows, evaluated on the host: {2}", name, rows,
                        e.getMessage());
                return null;
            }
            return new long[][] {OffHeap.toArray(out0, 0, rows), OffHeap.toArray(out1, 0, rows)};
        } finally {
            Reference.reachabilityFence(extensions);
        }
    }

    /**
     * One coset's values straight into the caller's arena: the library's extension with blowup 1
     * (log 0). The CPU build keeps them (its handle for a matrix is the matrix's address), so that
     * {@link #quotient} runs its program on the cosets the prover extends for the quotient alone.
     */
    @Override
    public ColumnMatrix cosetEvaluations(long[][] coefficients, long shift, Arena arena) {
        return cosetEvaluations(coefficients, new long[] {shift}, arena).getFirst();
    }

    /** As the one-coset form, with the coefficients copied off heap once for every coset. */
    @Override
    public List<ColumnMatrix> cosetEvaluations(long[][] coefficients, long[] shifts, Arena arena) {
        int logN = logLengthOf(coefficients);
        int n = 1 << logN;
        List<ColumnMatrix> out = new ArrayList<>(shifts.length);
        try (Arena input = PooledArena.confined()) {
            MemorySegment copied = OffHeap.columns(input, coefficients, n);
            for (long shift : shifts) {
                ColumnMatrix values = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, n);
                library.cosetLde(copied, coefficients.length, logN, 0, shift, values.segment());
                if (handlesAreAddresses()) {
                    keepUntilClosed(values, values.segment().address(), arena);
                }
                out.add(values);
            }
        }
        return out;
    }

    /** The extension straight into the caller's arena, with no copy back to the heap. */
    @Override
    public ColumnMatrix cosetLde(long[][] coefficients, int logBlowup, long shift, Arena arena) {
        int logN = logLengthOf(coefficients);
        NativeNtt.extendedLog(logN, logBlowup);
        return extendInto(coefficients, logN, logBlowup, shift, arena);
    }

    /** log2 of the columns' length, for a matrix that must have a column. */
    private static int logLengthOf(long[][] coefficients) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one column");
        }
        return NativeNtt.logLength(coefficients);
    }

    /** {@code pl_coset_lde} of checked columns of {@code 2^logN} into a new matrix of {@code arena}. */
    private ColumnMatrix extendInto(long[][] coefficients, int logN, int logBlowup, long shift, Arena arena) {
        int n = 1 << logN;
        ColumnMatrix out = ColumnMatrix.allocateForOverwrite(arena, coefficients.length, n << logBlowup);
        try (Arena input = PooledArena.confined()) {
            library.cosetLde(OffHeap.columns(input, coefficients, n), coefficients.length, logN, logBlowup, shift, out.segment());
        }
        return out;
    }
}
