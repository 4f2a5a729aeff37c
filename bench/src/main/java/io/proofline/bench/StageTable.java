package io.proofline.bench;

import io.proofline.plonkish.ProverStages;
import java.util.Map;

/** The benchmarks' table of a proof's stages ({@link ProverStages#ALL}): ms and share of the proof, a column per case. */
final class StageTable {

    private StageTable() {
    }

    /**
     * Prints {@code title}, then a row per stage with each column's ms and share of its proof. A
     * back end other than {@code java} extends and hashes a commitment in one library call, which
     * the prover can only time whole, so a line under the table says where the witness hashing went.
     */
    static void print(String title, Map<String, Map<String, Long>> nanosByColumn, String backend) {
        System.out.printf("%s%n%-26s", title, "stage");
        nanosByColumn.keySet().forEach(column -> System.out.printf(" %-22s", column));
        System.out.println();
        for (String stage : ProverStages.ALL) {
            System.out.printf("%-26s", stage);
            for (Map<String, Long> stages : nanosByColumn.values()) {
                long total = stages.values().stream().mapToLong(Long::longValue).sum();
                long nanos = stages.getOrDefault(stage, 0L);
                System.out.printf(" %-22s", String.format("%.1f (%.0f%%)", nanos / 1e6, 100.0 * nanos / total));
            }
            System.out.println();
        }
        if (!backend.equals("java")) {
            System.out.printf("(%s extends and hashes the witness in one call: \"%s\" holds \"%s\" as well)%n", backend,
                    ProverStages.WITNESS_LDE, ProverStages.WITNESS_HASHING);
        }
    }
}
