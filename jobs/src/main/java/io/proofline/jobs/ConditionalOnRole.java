package io.proofline.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean or configuration only in a process that takes {@link #value() the role}
 * ({@code proofline.roles}). Component scanning registers nested configuration classes on their
 * own, so each nested class of a role's configuration carries the condition too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    Role value();
}
