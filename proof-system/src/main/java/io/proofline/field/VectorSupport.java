package io.proofline.field;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which kernels the field, NTT and hashing code run on this machine: the Vector API ones or the
 * scalar ones. Chosen once, when this class initialises, and logged.
 *
 * <p>The vector kernels need the incubating Vector API ({@code jdk.incubator.vector}) in the boot
 * layer; classes that touch it are only loaded when {@link #PRESENT}, so code compiled against it
 * still runs on a JVM started without {@code --add-modules jdk.incubator.vector}.
 *
 * <p>{@code auto} (the default) takes the vector kernels when a vector holds at least four 64-bit
 * lanes (AVX2, AVX-512, SVE of 256 bits and more). With two lanes (SSE, NEON) each Goldilocks
 * product is four 32-bit multiplies and a reduction for only two elements, where the scalar
 * kernel has one 64x64-bit multiply per element, so the scalar kernels are faster there. The
 * choice is made from the vector size rather than from a timing at start-up: the vector code
 * only becomes fast once C2 has compiled it, so a calibration short enough for start-up would
 * time the interpreter. The system property {@value #PROPERTY} ({@code auto}, {@code vector} or
 * {@code scalar}) overrides it, for comparisons and tests.
 */
public final class VectorSupport {

    /** The system property that picks the kernels: {@code auto}, {@code vector} or {@code scalar}. */
    public static final String PROPERTY = "proofline.field.kernels";

    /** Whether {@code jdk.incubator.vector} is in the boot layer, so the vector kernels can be loaded. */
    public static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** The fewest 64-bit lanes per vector with which the vector kernels beat the scalar ones. */
    public static final int MIN_LANES = 4;

    /** Whether the batch, NTT and hashing kernels use the Vector API on this machine. */
    public static final boolean AVAILABLE;

    /** The 64-bit lanes of the vector kernels in use: 8 with AVX-512, 4 with AVX2; 0 for the scalar kernels. */
    public static final int LANES;

    /**
     * The system property that says whether a vector multiply of whole 64-bit lanes is fast
     * enough for Poseidon2 to take the low word of its products from one: {@code auto},
     * {@code yes} or {@code no}.
     */
    public static final String LOW_PRODUCTS_PROPERTY = "proofline.field.low-products";

    /**
     * Whether the low 64 bits of a 64x64-bit product come from one vector multiply
     * ({@code vpmullq}) rather than from the 32x32-bit partial products that the high word needs
     * anyway. {@code auto} takes it with 512-bit vectors on AMD processors, whose AVX-512 cores
     * issue {@code vpmullq} as one operation: Poseidon2 took 0.52 to 0.53 µs per permutation
     * against 0.48 on the 2-core AMD EPYC of {@code docs/benchmarks.md} (2026-12-04). Intel's
     * AVX-512 cores split it into three dependent operations: on a 2-core Xeon (2026-12-06) it
     * gained nothing beyond that host's noise (JMH {@code permuteBatch}, three runs each: 1.11
     * to 1.25 permutations per µs with it, 1.11 to 1.33 without).
     */
    public static final boolean LOW_PRODUCTS;

    /**
     * The system property that says which kernel element-wise batch products
     * ({@link Goldilocks#mulBatch}, {@link Goldilocks#scaleBatch}) take: {@code auto},
     * {@code vector} or {@code scalar}.
     */
    public static final String BATCH_PRODUCTS_PROPERTY = "proofline.field.batch-products";

    /**
     * Whether element-wise batch products run on the vector kernels. {@code auto} follows the
     * other kernels, except on AMD's first Zen cores (family 23, models below 0x30: Zen and
     * Zen+), which execute each 256-bit operation as two 128-bit halves ({@code vpmuludq}: 0.89
     * cycles with 128 bits, 1.78 with 256). There the scalar loop, with one 64x64-bit multiply per
     * product, is faster: on a 2-core AMD EPYC of family 23, model 1 (2026-12-06), loops of 4,096
     * products ran at 343 to 355 M/s against 291 to 295 with vectors, scaling by a constant at
     * 348 to 356 against 294 to 310, and JMH's {@code batchMul} at 310 &plusmn; 27 against
     * 292 &plusmn; 17. Sums, differences and fused multiply-adds stay on vectors there, as do the
     * NTT and Poseidon2: with vectors they measured faster on that host.
     */
    public static final boolean BATCH_PRODUCTS;

    static {
        Choice choice = choose(System.getProperty(PROPERTY, "auto"), PRESENT, PRESENT ? Lanes.count() : 0);
        int lanes = choice.vector() ? Lanes.count() : 0;
        // the processor matters only to vector kernels: no reading of /proc/cpuinfo for scalar ones
        Map<String, String> cpu = lanes > 0 ? firstProcessor() : Map.of();
        String vendor = cpu.getOrDefault("vendor_id", "");
        Choice lowProducts = chooseLowProducts(System.getProperty(LOW_PRODUCTS_PROPERTY, "auto"), lanes, vendor);
        Choice batchProducts = chooseBatchProducts(System.getProperty(BATCH_PRODUCTS_PROPERTY, "auto"), lanes, vendor,
                number(cpu, "cpu family"), number(cpu, "model"));
        System.getLogger(VectorSupport.class.getName()).log(Level.INFO, "Goldilocks field kernels: {0}; "
                + "batch products: {1}; low words of 64-bit vector products by {2}", choice, batchProducts,
                lowProducts.vector() ? "one multiply (" + lowProducts.reason() + ")" : "parts (" + lowProducts.reason() + ")");
        AVAILABLE = choice.vector();
        LANES = lanes;
        LOW_PRODUCTS = lowProducts.vector();
        BATCH_PRODUCTS = batchProducts.vector();
    }

    private VectorSupport() {
    }

    /** A choice of kernels and why it was made. */
    record Choice(boolean vector, String reason) {
        @Override
        public String toString() {
            return (vector ? "vector" : "scalar") + " (" + reason + ")";
        }
    }

    /**
     * The kernels for a setting of {@value #PROPERTY}, given whether the Vector API is present
     * and how many 64-bit lanes its preferred vectors hold.
     *
     * @throws IllegalArgumentException for a setting other than auto, vector or scalar
     */
    static Choice choose(String setting, boolean present, int lanes) {
        String shape = 64 * lanes + "-bit vectors of " + lanes + " x 64-bit lanes";
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "scalar" -> new Choice(false, PROPERTY + "=scalar");
            case "vector" -> present
                    ? new Choice(true, PROPERTY + "=vector, " + shape)
                    : new Choice(false, PROPERTY + "=vector, but the JVM was started without"
                            + " --add-modules jdk.incubator.vector");
            case "auto" -> {
                if (!present) {
                    yield new Choice(false, "the JVM was started without --add-modules jdk.incubator.vector");
                }
                yield lanes >= MIN_LANES
                        ? new Choice(true, shape)
                        : new Choice(false, shape + ", fewer than " + MIN_LANES + " lanes: scalar is faster");
            }
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be auto, vector or scalar, not '" + setting + "'");
        };
    }

    /**
     * Whether products take their low word from one vector multiply, for a setting of
     * {@value #LOW_PRODUCTS_PROPERTY}, the lanes of the vector kernels (0 for none) and the
     * processor's vendor ({@code vendor_id} of {@code /proc/cpuinfo}, empty where unknown).
     *
     * @throws IllegalArgumentException for a setting other than auto, yes or no
     */
    static Choice chooseLowProducts(String setting, int lanes, String vendor) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> new Choice(lanes >= 8, LOW_PRODUCTS_PROPERTY + "=yes"
                    + (lanes >= 8 ? "" : ", but only 512-bit vector kernels use it"));
            case "no" -> new Choice(false, LOW_PRODUCTS_PROPERTY + "=no");
            case "auto" -> lanes < 8 ? new Choice(false, "no 512-bit vector kernels")
                    : vendor.equals("AuthenticAMD") ? new Choice(true, vendor)
                    : new Choice(false, vendor.isEmpty() ? "processor vendor unknown" : vendor);
            default -> throw new IllegalArgumentException(
                    LOW_PRODUCTS_PROPERTY + " must be auto, yes or no, not '" + setting + "'");
        };
    }

    /**
     * Whether batch products take the vector kernels, for a setting of
     * {@value #BATCH_PRODUCTS_PROPERTY}, the lanes of the vector kernels (0 for none) and the
     * processor's vendor, family and model ({@code /proc/cpuinfo}; empty and -1 where unknown).
     *
     * @throws IllegalArgumentException for a setting other than auto, vector or scalar
     */
    static Choice chooseBatchProducts(String setting, int lanes, String vendor, int family, int model) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "vector" -> new Choice(lanes > 0, BATCH_PRODUCTS_PROPERTY + "=vector"
                    + (lanes > 0 ? "" : ", but the other kernels are scalar"));
            case "scalar" -> new Choice(false, BATCH_PRODUCTS_PROPERTY + "=scalar");
            case "auto" -> {
                if (lanes == 0) {
                    yield new Choice(false, "as the other kernels");
                }
                yield lanes == 4 && vendor.equals("AuthenticAMD") && family == 23 && model >= 0 && model < 0x30
                        ? new Choice(false, vendor + " family 23 model " + model + " runs 256-bit operations in halves")
                        : new Choice(true, "as the other kernels");
            }
            default -> throw new IllegalArgumentException(
                    BATCH_PRODUCTS_PROPERTY + " must be auto, vector or scalar, not '" + setting + "'");
        };
    }

    /** A decimal field of a processor's fields, such as {@code cpu family}; -1 where absent or not a number. */
    static int number(Map<String, String> processor, String key) {
        try {
            return Integer.parseInt(processor.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The fields of the first processor in {@code /proc/cpuinfo} (up to its blank line), read once
     * for all of them; empty off Linux or where unreadable.
     */
    static Map<String, String> firstProcessor() {
        Map<String, String> fields = new HashMap<>();
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            lines.takeWhile(l -> !l.isBlank()).filter(l -> l.indexOf(':') > 0).forEach(l -> fields.putIfAbsent(
                    l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Map.of();
        }
        return fields;
    }

    /** Kept apart so that only a JVM with the Vector API loads its classes. */
    private static final class Lanes {
        static int count() {
            return GoldilocksVectors.SPECIES.length();
        }
    }
}
