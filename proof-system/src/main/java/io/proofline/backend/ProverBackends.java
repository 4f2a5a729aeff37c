package io.proofline.backend;

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
 * {@code java}. {@code auto} takes CUDA when a device is present, otherwise the CPU library
 * ({@link #AUTO_WITHOUT_DEVICE}), which was the faster CPU back end for base circuits on every kind
 * of host measured in docs/benchmarks.md, or level with {@code java}. Native
 * back ends come from {@code native-bindings} through {@link ProverBackendProvider}; each is
 * opened once per process. The choice is logged.
 */
public final class ProverBackends {

    public static final String SETTING = "proofline.prover.backend";
    public static final String ENVIRONMENT = "PROOFLINE_PROVER_BACKEND";
    /**
     * Without a GPU, {@code auto} means this back end (then {@code java} if it cannot load); the
     * library's C kernels have AVX-512, AVX2 and portable forms. Measured (docs/benchmarks.md,
     * base circuits of 7,200 transfers, transactions proven per second per core, cold / warm, against
     * {@code java}): a 2-core EPYC with Zen 5's features and AVX-512, 2026-12-07, 97.2 to 104.9 /
     * 132.4 to 132.5 against 85.9 / 95.8 to 107.6; one with Zen 3's features (AVX2), 2026-12-07,
     * 45.0 to 45.9 / 49.3 to 50.1 against 34.8 / 39.1; a 2-core Xeon with AVX-512, 2026-12-06, 62.2
     * / 72.3 against 56.7 / 64.5, and 40.8 / 42.7 against 34.0 / 36.8 held to AVX2. On Zen 4 with
     * AVX-512 the two were level (2026-12-06, 55.1 / 58.6 against 52.1 / 59.3), before the
     * library's AVX-512 kernels were reordered on 2026-12-07; since then, 70.5 / 78.3 against 56.3 /
     * 62.1 (2026-12-07; 60.5 / 65.7 against 46.7 / 52.6 on a busier host of that kind).
     * Before that reordering {@code auto} took {@code java} on AMD with AVX-512.
     */
    public static final String AUTO_WITHOUT_DEVICE = "native-cpu";
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
            LOG.log(Level.INFO, "auto back end: no CUDA back end ({0}); trying {1}", noDevice.getMessage(),
                    AUTO_WITHOUT_DEVICE);
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
