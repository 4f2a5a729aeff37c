package io.proofline.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code proofline.roles} contains the role of {@link ConditionalOnRole}. The
 * roles are read as {@link Role#parse} reads them (the same binding as {@code JobsProperties}),
 * so an unknown role stops the start with the list of valid ones instead of silently matching
 * nothing.
 */
final class OnRoleCondition extends SpringBootCondition {

    /** A process started without {@code proofline.roles} is an orchestrator, as {@code JobsProperties} says. */
    private static final List<String> DEFAULT_ROLES = List.of(Role.ORCHESTRATOR.label());

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role role = (Role) attributes.get("value");
        Set<Role> roles = Role.parse(Binder.get(context.getEnvironment())
                .bind(Role.PROPERTY, Bindable.listOf(String.class)).orElse(DEFAULT_ROLES));
        return roles.contains(role)
                ? ConditionOutcome.match("role " + role.label() + " is in " + Role.PROPERTY)
                : ConditionOutcome.noMatch("role " + role.label() + " is not in " + Role.PROPERTY + " " + roles);
    }
}
