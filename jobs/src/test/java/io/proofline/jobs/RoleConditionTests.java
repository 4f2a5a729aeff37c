package io.proofline.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proofline.jobs.gateway.GatewayConfiguration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of a role exist exactly in the processes that take it; an unknown role stops the start. */
class RoleConditionTests {

    /** Stands for a role's configuration with a nested class that component scanning finds on its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.ORCHESTRATOR)
    static class OrchestratorOnly {

        @Bean
        String orchestratorBean() {
            return "orchestrator";
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnRole(Role.ORCHESTRATOR)
        static class Nested {

            @Bean
            String nestedOrchestratorBean() {
                return "nested";
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(Role.CIRCUIT_PROVER)
    static class ProverOnly {

        @Bean
        String proverBean() {
            return "prover";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(OrchestratorOnly.class, OrchestratorOnly.Nested.class, ProverOnly.class);

    @Test
    void aWorkerGetsNoneOfTheOrchestratorsBeansNestedOnesIncluded() {
        runner.withPropertyValues("proofline.roles=witness-generator,circuit-prover").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasBean("proverBean");
            assertThat(context).doesNotHaveBean("orchestratorBean");
            assertThat(context).doesNotHaveBean("nestedOrchestratorBean");
        });
    }

    @Test
    void aProcessWithoutRolesIsAnOrchestrator() {
        runner.run(context -> {
            assertThat(context).hasBean("orchestratorBean");
            assertThat(context).hasBean("nestedOrchestratorBean");
            assertThat(context).doesNotHaveBean("proverBean");
        });
    }

    @Test
    void rolesCombine() {
        runner.withPropertyValues("proofline.roles=orchestrator, circuit-prover").run(context -> {
            assertThat(context).hasBean("orchestratorBean");
            assertThat(context).hasBean("proverBean");
        });
    }

    @Test
    void anUnknownRoleStopsTheStartNamingTheValidOnes() {
        runner.withPropertyValues("proofline.roles=witness-generator,prover").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new UnknownRoleFailureAnalyzer().analyze(failure);
            assertEquals("unknown role 'prover' in proofline.roles; valid roles: orchestrator, witness-generator, circuit-prover, house-keeper",
                    analysis.getDescription());
            assertThat(analysis.getAction()).contains("--proofline.roles=");
        });
    }

    @Test
    void anEmptyRoleListStopsTheStart() {
        runner.withPropertyValues("proofline.roles=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new UnknownRoleFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo("proofline.roles names no role; valid roles: orchestrator, witness-generator, circuit-prover, house-keeper");
        });
    }

    @Test
    void theRealApplicationRefusesAnUnknownRoleBeforeTouchingTheDatabase() {
        // the condition is evaluated while the configuration classes are read, before any
        // data source exists, so this needs no database
        Exception e = assertThrows(Exception.class, () -> ProoflineJobsApplication.builder()
                .run("--proofline.roles=orchestrator,witness", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none"));
        UnknownRoleException cause = findCause(e);
        assertEquals("unknown role 'witness' in proofline.roles; valid roles: orchestrator, witness-generator, circuit-prover, house-keeper",
                cause.getMessage());
    }

    @Test
    void labelsParseBothWays() {
        assertEquals(EnumSet.allOf(Role.class), Role.parse(List.of("orchestrator", "Witness-Generator", "circuit_prover", "HOUSE_KEEPER")));
        for (Role role : Role.values()) {
            assertEquals(EnumSet.of(role), Role.parse(List.of(role.label())));
        }
    }

    @Test
    void gatewayPollingIsAnOrchestratorBeanEvenWhenScannedAlone() {
        // the bug this guards against: the nested polling configuration, registered by component
        // scanning on its own, asked workers for the orchestrator's launcher
        for (Class<?> nested : GatewayConfiguration.class.getDeclaredClasses()) {
            ConditionalOnRole condition = nested.getAnnotation(ConditionalOnRole.class);
            assertThat(condition).as(nested.getName()).isNotNull();
            assertEquals(Role.ORCHESTRATOR, condition.value(), nested.getName());
        }
    }

    private static UnknownRoleException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnknownRoleException u) {
                return u;
            }
        }
        throw new AssertionError("no UnknownRoleException in the chain", t);
    }
}
