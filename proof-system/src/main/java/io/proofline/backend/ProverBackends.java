package io.proofline.backend;

import io.proofline.field.VectorSupport;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the back end from the setting {@code proofline.prover.backend}: {@code java},
 * {@code native-cpu}, {@code cuda} or {@code auto}. The setting is read from the system property
 * of that name, else the environment variable {@code PROOFLINE_PROVER_BACKEND}, else it is
 * {@code java}. {@code auto} takes CUDA when a device is present, otherwise the faster of the
 * CPU back ends for a whole proof in docs/benchmarks.md on a machine like this one
 * ({@link #withoutDevice}). Native
 * back ends come from {@code native-bindings} through {@link ProverBackendProvider}; each is
 * opened once per process. The choice is logged.
 */
public final class ProverBackends {

    public static final String SETTING = "proofline.prover.backend";
    public static final String ENVIRONMENT = "PROOFLINE_PROVER_BACKEND";
    /**
     * Without a GPU, {@code auto} means this back end (then {@code java} if it cannot load) except
     * on AMD processors whose JVM gives the Java kernels 512-bit vectors ({@link #withoutDevice}); the
     * library's C kernels have AVX-512, AVX2 and portable forms.
     */
    public static final String AUTO_WITHOUT_DEVICE = "native-cpu";
    /** The fewest Java vector lanes (512-bit vectors of 64-bit lanes) with which {@code auto} keeps {@code java} on AMD. */
    static final int JAVA_ON_AMD_FROM_LANES = 8;
    /** The values {@link #SETTING} takes. */
    public static final List<String> NAMES = List.of("java", "native-cpu", "cuda", "auto");

    private static final System.Logger LOG = System.getLogger(ProverBackends.class.getName());
    private static final Map<String, ProverBackend> OPENED = new ConcurrentHashMap<>();
    /** Settings whose choice was logged: configs are made often, the choice is logged once. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private ProverBackends() {
    }

    /** The back end the setting names (default {@code java}). */
    public static ProverBackend configured() {
        String value = System.getProperty(SETTING);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        return select(value == null || value.isBlank() ? "java" : value);
    }

    /**
     * The back end for a setting value.
     *
     * @throws IllegalArgumentException for an unknown value
     * @throws IllegalStateException when the named back end cannot run here, with the reason
     */
    public static ProverBackend select(String setting) {
        String name = setting.trim().toLowerCase(Locale.ROOT);
        ProverBackend chosen = switch (name) {
            case "java" -> ProverBackend.java();
            case "native-cpu", "cuda" -> open(name);
            case "auto" -> auto();
            default -> throw new IllegalArgumentException(SETTING + " must be " + String.join(", ", NAMES.subList(0, NAMES.size() - 1))
                    + " or " + NAMES.getLast() + ", got '" + setting + "'");
        };
        if (LOGGED.add(name)) {
            LOG.log(Level.INFO, "prover back end: {0} (" + SETTING + "={1})", chosen.name(), name);
        }
        return chosen;
    }

    /**
     * The back end {@code auto} takes without a GPU, given the lanes of the Java vector kernels
     * ({@link VectorSupport#LANES}) and the processor's vendor ({@link VectorSupport#cpuVendor}):
     * {@code java} on AMD processors where they are 512-bit vector kernels
     * ({@link #JAVA_ON_AMD_FROM_LANES}), {@link #AUTO_WITHOUT_DEVICE} everywhere else. Measured
     * (docs/benchmarks.md): on AMD with AVX-512 the Java kernels were level with the CPU library's
     * (a 2-core EPYC, 2026-12-06: a batch of 7,200 transfers at 52.1 / 59.3 against 55.1 / 58.6
     * transactions proven per second per core, cold / warm; whole 2^16-row proofs 4.1 against
     * 4.7 s at LDE 8 on 2026-12-05). On AMD with AVX2 only, the library was faster for base circuits
     * once it ran the quotient and the DEEP codeword itself (a 2-core EPYC with Zen 3's features,
     * 2026-12-06, two runs each: 31.6 to 33.4 cold and 34.8 to 37.0 warm against 28.0 to 29.0 and
     * 30.7 to 31.1), and level or ahead for 2^16-row proofs (7.5 to 8.0 against 7.7 to 8.8 s at
     * LDE 8). On Intel the library was faster at LDE 8 (a 2-core Xeon, 2026-12-06, two runs each:
     * with AVX-512 4.7 to 5.4 against 6.3 to 6.5 s; with HotSpot and the library held to AVX2, 9.9
     * to 11.0 against 10.8 to 14.2 s), as on the 16 Xeon cores of the GPU machine (1.07 against
     * 1.22 s at LDE 8, 2026-12-04). Other vendors, and ARM's narrow vectors, take the library:
     * nothing was measured there.
     */
    public static String withoutDevice(int javaLanes, String vendor) {
        return javaLanes >= JAVA_ON_AMD_FROM_LANES && vendor.equals("AuthenticAMD") ? "java" : AUTO_WITHOUT_DEVICE;
    }

    /** Decided once per process: probing for a device on every config would cost a driver call each time. */
    private static volatile ProverBackend autoChoice;

    private static ProverBackend auto() {
        ProverBackend chosen = autoChoice;
        if (chosen != null) {
            return chosen;
        }
        synchronized (ProverBackends.class) {
            if (autoChoice == null) {
                autoChoice = probe();
            }
            return autoChoice;
        }
    }

    private static ProverBackend probe() {
        try {
            return open("cuda");
        } catch (IllegalStateException noDevice) {
            String vendor = VectorSupport.cpuVendor();
            String cpu = withoutDevice(VectorSupport.LANES, vendor);
            LOG.log(Level.INFO, "auto back end: no CUDA back end ({0}); {1} with Java vector kernels of {2} lanes"
                    + " on a processor of vendor ''{3}''", noDevice.getMessage(), cpu, VectorSupport.LANES, vendor);
            if (cpu.equals("java")) {
                return ProverBackend.java();
            }
        }
        try {
            return open(AUTO_WITHOUT_DEVICE);
        } catch (IllegalStateException unavailable) {
            LOG.log(Level.INFO, "auto back end: {0} unavailable ({1}); using java", AUTO_WITHOUT_DEVICE,
                    unavailable.getMessage());
            return ProverBackend.java();
        }
    }

    private static ProverBackend open(String name) {
        ProverBackend known = OPENED.get(name);
        if (known != null) {
            return known;
        }
        synchronized (OPENED) {
            return OPENED.computeIfAbsent(name, ProverBackends::load);
        }
    }

    private static ProverBackend load(String name) {
        for (ProverBackendProvider provider : ServiceLoader.load(ProverBackendProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.open();
            }
        }
        throw new IllegalStateException("no '" + name + "' prover back end on the class path: it comes with the"
                + " native-bindings module");
    }
}
