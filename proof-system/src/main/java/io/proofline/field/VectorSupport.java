package io.proofline.field;

import java.lang.System.Logger.Level;
import java.util.Locale;

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
    static final int MIN_LANES = 4;

    /** Whether the batch, NTT and hashing kernels use the Vector API on this machine. */
    public static final boolean AVAILABLE;

    static {
        Choice choice = choose(System.getProperty(PROPERTY, "auto"), PRESENT, PRESENT ? Lanes.count() : 0);
        System.getLogger(VectorSupport.class.getName()).log(Level.INFO, "Goldilocks field kernels: {0}", choice);
        AVAILABLE = choice.vector();
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

    /** Kept apart so that only a JVM with the Vector API loads its classes. */
    private static final class Lanes {
        static int count() {
            return GoldilocksVectors.SPECIES.length();
        }
    }
}
