package io.proofline.plonkish;

import java.util.Optional;

/**
 * The outcome of checking a witness against a circuit: empty when satisfied, otherwise the
 * first failure in trace order, in words.
 */
public record SatisfiabilityReport(Optional<String> failure) {

    static final SatisfiabilityReport SATISFIED = new SatisfiabilityReport(Optional.empty());

    static SatisfiabilityReport failed(String message) {
        return new SatisfiabilityReport(Optional.of(message));
    }

    public boolean satisfied() {
        return failure.isEmpty();
    }

    @Override
    public String toString() {
        return failure.orElse("satisfied");
    }
}
