package io.proofline.jobs.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manifests' and the dashboard's PromQL queries name: the series and the values of a
 * label's matchers. Enough of PromQL for the queries written here: functions and aggregations
 * (followed by a parenthesis), their {@code by (...)} lists, label matchers, ranges and numbers
 * are not series.
 */
final class PromQl {

    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    private PromQl() {
    }

    /** The series a query reads, e.g. {@code proofline_stage_duration_seconds_bucket}. */
    static Set<String> seriesNames(String query) {
        String bare = query.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            boolean call = rest.startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!call && !partOfNumber && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The values a query's matchers on {@code label} name: {@code stage=~"proving|aggregation"} gives both. */
    static List<String> labelValues(String query, String label) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\\b" + label + "\\s*(=~|=|!=|!~)\\s*\"([^\"]*)\"").matcher(query);
        while (m.find()) {
            for (String v : m.group(2).split("\\|")) {
                values.add(v.strip());
            }
        }
        return values;
    }
}
