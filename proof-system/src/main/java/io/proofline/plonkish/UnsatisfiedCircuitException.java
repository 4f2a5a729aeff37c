package io.proofline.plonkish;

/** The witness does not satisfy the circuit; the message says where. */
public final class UnsatisfiedCircuitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SatisfiabilityReport report;

    public UnsatisfiedCircuitException(SatisfiabilityReport report) {
        super("witness does not satisfy the circuit: " + report);
        this.report = report;
    }

    public SatisfiabilityReport report() {
        return report;
    }
}
