package io.proofline.jobs.config;

import io.proofline.circuits.aggregation.AggregationKeys;
import io.proofline.circuits.base.BaseCircuitKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The key generator as a task ({@code proofline.keygen-task=true}, profile {@code keygen-task}),
 * for Spring Cloud Data Flow: the base and recursion keys of the configured capacities in
 * {@code proofline.keys-dir}, generated where missing, and every one checked against the
 * commitments pinned in {@code commitments.json}, as a circuit prover checks them at startup. The
 * task fails (exit code 1) when a key differs. {@code ./proofline keygen} is the same for a shell.
 */
@Component
@ConditionalOnBooleanProperty(KeygenTask.PROPERTY)
public final class KeygenTask implements ApplicationRunner {

    /** The property that makes the process this task. */
    public static final String PROPERTY = "proofline.keygen-task";

    private final ObjectProvider<BaseCircuitKeys> base;
    private final ObjectProvider<AggregationKeys> aggregation;

    KeygenTask(ObjectProvider<BaseCircuitKeys> base, ObjectProvider<AggregationKeys> aggregation) {
        this.base = base;
        this.aggregation = aggregation;
    }

    @Override
    public void run(ApplicationArguments args) {
        base.getObject();
        aggregation.getObject();
    }
}
