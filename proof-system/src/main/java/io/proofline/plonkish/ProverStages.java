package io.proofline.plonkish;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall-clock time of each stage of one proof, in the order the prover runs them. The prover
 * logs it at DEBUG (or on standard error with {@code -Dproofline.prover.timings=true}); a caller
 * that passes its own instance to {@link PlonkishProver#proveUnchecked(SetupData, WitnessVector,
 * ProverStages)} reads it afterwards, as the prover benchmark does.
 */
public final class ProverStages {

    public static final String WITNESS_LDE = "witness LDE";
    public static final String WITNESS_HASHING = "witness hashing";
    public static final String PERMUTATION = "permutation argument";
    public static final String QUOTIENT_EVALUATION = "quotient evaluation";
    public static final String QUOTIENT_COMMITMENT = "quotient LDE and hashing";
    public static final String DEEP = "DEEP";
    public static final String FRI = "FRI";
    public static final String POW = "PoW";
    /** Every stage, in proving order. */
    public static final List<String> ALL = List.of(WITNESS_LDE, WITNESS_HASHING, PERMUTATION, QUOTIENT_EVALUATION,
            QUOTIENT_COMMITMENT, DEEP, FRI, POW);

    private static final System.Logger LOG = System.getLogger(PlonkishProver.class.getName());

    private final Map<String, Long> stages = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Starts the clock for the first stage. */
    void start() {
        last = System.nanoTime();
    }

    /** Charges the time since the previous mark (or since construction) to {@code name}. */
    void mark(String name) {
        long now = System.nanoTime();
        stages.merge(name, now - last, Long::sum);
        last = now;
    }

    /** Moves {@code nanos} of what was charged to {@code from} over to {@code to}. */
    void move(String from, String to, long nanos) {
        stages.merge(from, -nanos, Long::sum);
        stages.merge(to, nanos, Long::sum);
    }

    /** Nanoseconds per stage, in proving order; a stage that did not run is absent. */
    public Map<String, Long> nanos() {
        return Collections.unmodifiableMap(stages);
    }

    void log(Geometry geometry) {
        if (LOG.isLoggable(Level.DEBUG) || Boolean.getBoolean("proofline.prover.timings")) {
            StringBuilder sb = new StringBuilder("proved 2^" + geometry.logRows() + " rows:");
            stages.forEach((name, nanos) -> sb.append(String.format(" %s %.1f ms;", name, nanos / 1e6)));
            if (Boolean.getBoolean("proofline.prover.timings")) {
                System.err.println(sb);
            } else {
                LOG.log(Level.DEBUG, sb.toString());
            }
        }
    }
}
