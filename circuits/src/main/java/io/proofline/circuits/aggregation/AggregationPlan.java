package io.proofline.circuits.aggregation;

import io.proofline.circuits.base.CircuitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregation tree of a batch, from the number of base proofs of each type: leaves pair
 * consecutive base proofs (the last leaf may hold one); each round of nodes pairs consecutive
 * proofs of the level below, an odd last one moving up unchanged; rounds go on until one proof
 * per type is left, its top, which the scheduler verifies. Deterministic.
 *
 * @param rounds round 0 holds the leaves, round {@code r >= 1} the nodes of level {@code r + 1},
 *     each round transfer execution first; a proof's inner proofs are made in earlier rounds
 * @param tops the top proof of each type (a leaf when the type has one or two base proofs)
 */
public record AggregationPlan(List<List<PlannedProof>> rounds, Map<CircuitType, ProofId> tops) {

    public AggregationPlan {
        rounds = rounds.stream().map(List::copyOf).toList();
        tops = Collections.unmodifiableMap(new EnumMap<>(tops));
    }

    /** @throws IllegalArgumentException unless each type has at least one base proof */
    public static AggregationPlan of(int transferProofs, int storageProofs) {
        Map<CircuitType, Integer> counts = new EnumMap<>(CircuitType.class);
        counts.put(CircuitType.TRANSFER_EXECUTION, transferProofs);
        counts.put(CircuitType.STORAGE_APPLICATION, storageProofs);
        Map<CircuitType, List<ProofId>> levels = new EnumMap<>(CircuitType.class);
        counts.forEach((type, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("a batch has at least one " + type.label + " proof, got " + n);
            }
            List<ProofId> base = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                base.add(new ProofId(type, 0, i));
            }
            levels.put(type, base);
        });
        List<List<PlannedProof>> rounds = new ArrayList<>();
        for (int level = 1; level == 1 || levels.values().stream().anyMatch(l -> l.size() > 1); level++) {
            List<PlannedProof> round = new ArrayList<>();
            for (Map.Entry<CircuitType, List<ProofId>> e : levels.entrySet()) {
                e.setValue(level == 1 ? leaves(e.getKey(), e.getValue(), round) : nodes(e.getKey(), level, e.getValue(), round));
            }
            rounds.add(round);
        }
        Map<CircuitType, ProofId> tops = new EnumMap<>(CircuitType.class);
        levels.forEach((type, l) -> tops.put(type, l.getFirst()));
        return new AggregationPlan(rounds, tops);
    }

    /** Every planned proof, round by round: inner proofs before the proofs that consume them. */
    public List<PlannedProof> proofs() {
        return rounds.stream().flatMap(List::stream).toList();
    }

    /** Pairs base proofs into leaves; an odd last one gets a leaf of its own. */
    private static List<ProofId> leaves(CircuitType type, List<ProofId> below, List<PlannedProof> round) {
        List<ProofId> made = new ArrayList<>();
        for (int i = 0; i < below.size(); i += 2) {
            ProofId id = new ProofId(type, 1, made.size());
            boolean pair = i + 1 < below.size();
            round.add(new PlannedProof(id, below.get(i), below.get(pair ? i + 1 : i), pair));
            made.add(id);
        }
        return made;
    }

    /** Pairs the proofs of the level below into nodes; an odd last one moves up unchanged. */
    private static List<ProofId> nodes(CircuitType type, int level, List<ProofId> below, List<PlannedProof> round) {
        if (below.size() == 1) {
            return below;
        }
        List<ProofId> made = new ArrayList<>();
        for (int i = 0; i < below.size(); i += 2) {
            if (i + 1 == below.size()) {
                made.add(below.get(i));
            } else {
                ProofId id = new ProofId(type, level, made.size());
                round.add(new PlannedProof(id, below.get(i), below.get(i + 1), true));
                made.add(id);
            }
        }
        return made;
    }
}
