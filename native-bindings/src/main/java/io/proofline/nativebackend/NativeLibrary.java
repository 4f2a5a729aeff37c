package io.proofline.nativebackend;

import io.proofline.nativebackend.ffi.ProoflineNative;
import io.proofline.nativebackend.ffi.pl_backend_name_fn;
import io.proofline.nativebackend.ffi.pl_combine_columns_fn;
import io.proofline.nativebackend.ffi.pl_deep_codeword_fn;
import io.proofline.nativebackend.ffi.pl_commit_evaluations_fn;
import io.proofline.nativebackend.ffi.pl_commit_lde_fn;
import io.proofline.nativebackend.ffi.pl_coset_lde_fn;
import io.proofline.nativebackend.ffi.pl_coset_lde_from_evaluations_fn;
import io.proofline.nativebackend.ffi.pl_device_count_fn;
import io.proofline.nativebackend.ffi.pl_fri_fold_fn;
import io.proofline.nativebackend.ffi.pl_hash_rows_fn;
import io.proofline.nativebackend.ffi.pl_kernel_set_fn;
import io.proofline.nativebackend.ffi.pl_last_error_fn;
import io.proofline.nativebackend.ffi.pl_memory_info_fn;
import io.proofline.nativebackend.ffi.pl_merkle_layers_fn;
import io.proofline.nativebackend.ffi.pl_ntt_coset_forward_fn;
import io.proofline.nativebackend.ffi.pl_ntt_forward_fn;
import io.proofline.nativebackend.ffi.pl_ntt_inverse_fn;
import io.proofline.nativebackend.ffi.pl_poseidon2_permute_fn;
import io.proofline.nativebackend.ffi.pl_quotient_fn;
import io.proofline.nativebackend.ffi.pl_release_fn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One loaded build of cuda-src's C ABI (the CPU or the CUDA library), its entry points looked
 * up in that library alone ({@link SymbolLookup#libraryLookup(Path, Arena)}) and called through
 * the jextract-generated {@code *_fn.invoke} bindings, with every status checked.
 *
 * <p>The libraries are built by this module's Maven build into {@code native/} on the class
 * path; the system property {@code proofline.native.dir} points at another directory instead.
 * The library stays loaded for the life of the process.
 */
public final class NativeLibrary {

    /** The CPU build's file name. */
    public static final String CPU = "libproofline_cpu.so";
    /** The CUDA build's file name. */
    public static final String CUDA = "libproofline_cuda.so";

    private final Path path;
    private final MemorySegment backendName;
    private final MemorySegment kernelSet;
    private final MemorySegment lastError;
    private final MemorySegment deviceCount;
    private final MemorySegment memoryInfo;
    private final MemorySegment nttForward;
    private final MemorySegment nttInverse;
    private final MemorySegment nttCosetForward;
    private final MemorySegment cosetLde;
    private final MemorySegment cosetLdeFromEvaluations;
    private final MemorySegment poseidon2Permute;
    private final MemorySegment hashRows;
    private final MemorySegment merkleLayers;
    private final MemorySegment commitLde;
    private final MemorySegment commitEvaluations;
    private final MemorySegment release;
    private final MemorySegment combineColumns;
    private final MemorySegment deepCodeword;
    private final MemorySegment quotient;
    private final MemorySegment friFold;

    private NativeLibrary(Path path) {
        this.path = path;
        SymbolLookup lib = SymbolLookup.libraryLookup(path, Arena.global());
        backendName = lib.findOrThrow("pl_backend_name");
        kernelSet = lib.findOrThrow("pl_kernel_set");
        lastError = lib.findOrThrow("pl_last_error");
        deviceCount = lib.findOrThrow("pl_device_count");
        memoryInfo = lib.findOrThrow("pl_memory_info");
        nttForward = lib.findOrThrow("pl_ntt_forward");
        nttInverse = lib.findOrThrow("pl_ntt_inverse");
        nttCosetForward = lib.findOrThrow("pl_ntt_coset_forward");
        cosetLde = lib.findOrThrow("pl_coset_lde");
        cosetLdeFromEvaluations = lib.findOrThrow("pl_coset_lde_from_evaluations");
        poseidon2Permute = lib.findOrThrow("pl_poseidon2_permute");
        hashRows = lib.findOrThrow("pl_hash_rows");
        merkleLayers = lib.findOrThrow("pl_merkle_layers");
        commitLde = lib.findOrThrow("pl_commit_lde");
        commitEvaluations = lib.findOrThrow("pl_commit_evaluations");
        release = lib.findOrThrow("pl_release");
        combineColumns = lib.findOrThrow("pl_combine_columns");
        deepCodeword = lib.findOrThrow("pl_deep_codeword");
        quotient = lib.findOrThrow("pl_quotient");
        friFold = lib.findOrThrow("pl_fri_fold");
    }

    /**
     * Loads the library of that file name.
     *
     * @throws IllegalStateException if it was not built or cannot be loaded
     */
    public static NativeLibrary load(String fileName) {
        Path path = locate(fileName);
        try {
            return new NativeLibrary(path);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("cannot load the native prover library " + path + ": " + e.getMessage(), e);
        }
    }

    /** Where the library of that file name is, extracted to a temporary file when it sits in a jar. */
    static Path locate(String fileName) {
        String dir = System.getProperty("proofline.native.dir");
        if (dir != null && !dir.isBlank()) {
            Path p = Path.of(dir, fileName);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no " + fileName + " in proofline.native.dir=" + dir);
            }
            return p;
        }
        URL url = NativeLibrary.class.getResource("/native/" + fileName);
        if (url == null) {
            throw new IllegalStateException(fileName + " is not on the class path: the native-bindings build makes it"
                    + (fileName.equals(CUDA) ? " only where nvcc (the CUDA toolkit) is on the PATH" : " with gcc"));
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path tmp = Files.createTempFile(fileName.replace(".so", "-"), ".so");
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** The implementation's own name: {@code native-cpu} or {@code cuda}. */
    public String backendName() {
        return pl_backend_name_fn.invoke(backendName).reinterpret(256).getString(0);
    }

    /**
     * The kernels doing the work: {@code avx512}, {@code avx2} or {@code portable} for the CPU
     * build (chosen once per process, {@code PROOFLINE_NATIVE_ISA} asks for one), {@code cuda}.
     */
    public String kernelSet() {
        return pl_kernel_set_fn.invoke(kernelSet).reinterpret(64).getString(0);
    }

    /** The calling thread's last error text. */
    String lastError() {
        return pl_last_error_fn.invoke(lastError).reinterpret(1024).getString(0);
    }

    /**
     * Devices usable by this build.
     *
     * @throws NativeBackendException with the library's reason when there is no usable device
     */
    public int deviceCount() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            check(pl_device_count_fn.invoke(deviceCount, count), "device count");
            return count.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** {@code {free, total}} bytes of the device in use. */
    public long[] memoryInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
            check(pl_memory_info_fn.invoke(memoryInfo, free, total), "memory info");
            return new long[] {free.get(ValueLayout.JAVA_LONG, 0), total.get(ValueLayout.JAVA_LONG, 0)};
        }
    }

    void nttForward(MemorySegment data, long columns, int logN) {
        check(pl_ntt_forward_fn.invoke(nttForward, data, columns, logN), "forward NTT");
    }

    void nttInverse(MemorySegment data, long columns, int logN) {
        check(pl_ntt_inverse_fn.invoke(nttInverse, data, columns, logN), "inverse NTT");
    }

    void nttCosetForward(MemorySegment data, long columns, int logN, long shift) {
        check(pl_ntt_coset_forward_fn.invoke(nttCosetForward, data, columns, logN, shift), "coset NTT");
    }

    void cosetLde(MemorySegment in, long columns, int logN, int logBlowup, long shift, MemorySegment out) {
        check(pl_coset_lde_fn.invoke(cosetLde, in, columns, logN, logBlowup, shift, out), "coset LDE");
    }

    void cosetLdeFromEvaluations(MemorySegment in, long columns, int logN, int logBlowup, long shift, MemorySegment out) {
        check(pl_coset_lde_from_evaluations_fn.invoke(cosetLdeFromEvaluations, in, columns, logN, logBlowup, shift, out),
                "coset LDE from evaluations");
    }

    /** Permutes {@code count} Poseidon2 states stored one after another. */
    public void poseidon2Permute(MemorySegment states, long count) {
        check(pl_poseidon2_permute_fn.invoke(poseidon2Permute, states, count), "Poseidon2 permutation");
    }

    void hashRows(MemorySegment matrix, long width, long rows, MemorySegment digests) {
        check(pl_hash_rows_fn.invoke(hashRows, matrix, width, rows, digests), "row hashing");
    }

    void merkleLayers(MemorySegment leaves, int logLeaves, int logCap, MemorySegment layers) {
        check(pl_merkle_layers_fn.invoke(merkleLayers, leaves, logLeaves, logCap, layers), "Merkle layers");
    }

    void commitLde(MemorySegment coefficients, long columns, int logN, int logBlowup, long shift, int logCap,
            MemorySegment out, MemorySegment digests, MemorySegment layers, MemorySegment keep) {
        check(pl_commit_lde_fn.invoke(commitLde, coefficients, columns, logN, logBlowup, shift, logCap, out, digests,
                layers, keep), "commitment");
    }

    void commitEvaluations(MemorySegment evaluations, long columns, int logN, int logBlowup, long shift, int logCap,
            MemorySegment coefficients, MemorySegment out, MemorySegment digests, MemorySegment layers, MemorySegment keep) {
        check(pl_commit_evaluations_fn.invoke(commitEvaluations, evaluations, columns, logN, logBlowup, shift, logCap,
                coefficients, out, digests, layers, keep), "commitment of evaluations");
    }

    void release(long handle) {
        check(pl_release_fn.invoke(release, handle), "release");
    }

    void combineColumns(MemorySegment handles, MemorySegment columns, long count, long rows, MemorySegment weights0,
            MemorySegment weights1, MemorySegment out0, MemorySegment out1) {
        check(pl_combine_columns_fn.invoke(combineColumns, handles, columns, count, rows, weights0, weights1, out0, out1),
                "column sums");
    }

    void deepCodeword(MemorySegment handles, MemorySegment columns, long count, MemorySegment weights0,
            MemorySegment weights1, long nextHandle, long nextColumns, MemorySegment nextWeights0,
            MemorySegment nextWeights1, int logRows, long shift, MemorySegment values, MemorySegment out0,
            MemorySegment out1) {
        check(pl_deep_codeword_fn.invoke(deepCodeword, handles, columns, count, weights0, weights1, nextHandle, nextColumns,
                nextWeights0, nextWeights1, logRows, shift, values, out0, out1), "DEEP codeword");
    }

    void quotient(MemorySegment handles, MemorySegment columns, int logExtensionRows, int logN, int logBlowup, long rows,
            long shift, MemorySegment program, long instructions, MemorySegment constants, long constantCount, int registers,
            MemorySegment publicInput, MemorySegment out0, MemorySegment out1) {
        check(pl_quotient_fn.invoke(quotient, handles, columns, logExtensionRows, logN, logBlowup, rows, shift, program,
                instructions, constants, constantCount, registers, publicInput, out0, out1), "quotient");
    }

    void friFold(MemorySegment c0, MemorySegment c1, MemorySegment xInverses, long cosets, int logArity, long beta0,
            long beta1, MemorySegment out0, MemorySegment out1) {
        check(pl_fri_fold_fn.invoke(friFold, c0, c1, xInverses, cosets, logArity, beta0, beta1, out0, out1), "FRI fold");
    }

    /** Turns a status into an exception carrying the library's last error. */
    void check(int status, String operation) {
        if (status == ProoflineNative.PL_OK()) {
            return;
        }
        String message = operation + " failed in " + path.getFileName() + ": " + lastError();
        if (status == ProoflineNative.PL_ERR_ARGUMENT()) {
            throw new IllegalArgumentException(message);
        }
        throw new NativeBackendException(status, message);
    }
}
