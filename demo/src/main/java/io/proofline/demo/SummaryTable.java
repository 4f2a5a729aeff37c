package io.proofline.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end, one row per batch: what was proven, how long it took, how big
 * the batch's one aggregated proof is and how long the core took to verify it. Proving time is given twice because they answer different questions: the
 * sum over circuits is the work done, the wall time (from the gateway's receipt to the core's
 * answer) is what a rollup waits, including queueing, aggregation and verification.
 */
final class SummaryTable {

    private static final String[] HEADERS = {"batch", "transactions", "circuits", "proving (sum)",
            "wall (received to submitted)", "final proof bytes", "core verification", "verified"};

    /** A batch at the end of the run and the size of its stored batch proof (-1 when there is none). */
    record Row(BatchProgress batch, long proofBytes) {
    }

    private SummaryTable() {
    }

    static String render(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADERS);
        for (Row r : rows) {
            BatchProgress b = r.batch();
            cells.add(new String[] {
                    String.valueOf(b.number()),
                    String.valueOf(b.transactions()),
                    String.valueOf(b.circuitsTotal()),
                    seconds(Duration.ofMillis(b.proveMillis())),
                    b.wall() == null ? "-" : seconds(b.wall()),
                    r.proofBytes() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.proofBytes()),
                    b.verificationMs() == null ? "-" : String.format(Locale.ROOT, "%.1f ms", b.verificationMs()),
                    b.verified() ? "yes" : "no"});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                // Numbers right-aligned; the last column, yes/no, left-aligned without trailing spaces.
                sb.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : " ".repeat(widths[i] - row[i].length()) + row[i]);
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
