package io.proofline.jobs;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unknown role into Spring Boot's start-up failure report, without the stack trace. */
final class UnknownRoleFailureAnalyzer extends AbstractFailureAnalyzer<UnknownRoleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownRoleException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start the process with --" + Role.PROPERTY + "=<roles>, comma separated, from: " + Role.labels(), cause);
    }
}
