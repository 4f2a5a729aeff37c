package io.proofline.jobs;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a process of the prover application does; one process may take several roles, named
 * in {@code proofline.roles} by their {@link #label() labels}.
 */
public enum Role {
    /** Runs batchProof jobs (manager steps, a version-1 batch's bundle, submission) and polls the core. */
    ORCHESTRATOR,
    /** Serves basic witness generation partitions. */
    WITNESS_GENERATOR,
    /** Serves circuit proving partitions: base circuits, and leaf, node and scheduler proofs. */
    CIRCUIT_PROVER,
    /**
     * Heals stuck work on a schedule: lost partitions, failed and orphaned jobs, old metadata
     * (see {@code io.proofline.jobs.housekeeper}). Job restarts need the orchestrator role in the
     * same process; several house keepers may run, one acts at a time.
     */
    HOUSE_KEEPER;

    /** The property that names a process's roles. */
    public static final String PROPERTY = "proofline.roles";

    /** How the role is written in {@code proofline.roles}: {@code witness-generator}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every role's label, for messages: {@code orchestrator, witness-generator, circuit-prover, house-keeper}. */
    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }

    /**
     * The roles named by {@code names} (labels, blanks ignored).
     *
     * @throws UnknownRoleException for a name that is no role's label, or when no role is named
     */
    public static Set<Role> parse(Collection<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            String trimmed = name.strip().replace('_', '-');
            if (trimmed.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(values()).filter(r -> r.label().equalsIgnoreCase(trimmed)).findFirst()
                    .orElseThrow(() -> new UnknownRoleException("unknown role '" + trimmed + "' in " + PROPERTY
                            + "; valid roles: " + labels())));
        }
        if (roles.isEmpty()) {
            throw new UnknownRoleException(PROPERTY + " names no role; valid roles: " + labels());
        }
        return roles;
    }
}
