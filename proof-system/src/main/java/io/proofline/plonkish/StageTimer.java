package io.proofline.plonkish;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock time per prover stage, logged at DEBUG so operators can see where a proof spends it. */
final class StageTimer {

    private static final System.Logger LOG = System.getLogger(PlonkishProver.class.getName());

    private final Map<String, Long> stages = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void stage(String name) {
        long now = System.nanoTime();
        stages.merge(name, now - last, Long::sum);
        last = now;
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
