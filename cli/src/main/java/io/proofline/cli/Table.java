package io.proofline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, and the few formats every command shares. */
final class Table {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    int size() {
        return rows.size() - 1;
    }

    void print(PrintWriter out, String indent) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                sb.append(i < columns - 1 ? String.format("%-" + width[i] + "s  ", r[i]) : r[i]);
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    static String time(LocalDateTime t) {
        return t == null ? "-" : TIME.format(t);
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    /** e.g. 850 ms, 12.4 s, 3m 05s, 2h 10m. */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s < 3600 ? String.format("%dm %02ds", s / 60, s % 60) : String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    static String millis(Long ms) {
        return ms == null ? "-" : duration(Duration.ofMillis(ms));
    }

    /** The first line of a message, cut to {@code max} characters. */
    static String brief(String message, int max) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }
}
