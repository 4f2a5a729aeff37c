package io.proofline.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL JDBC URL split into its parts, so that a database or a parameter can be swapped
 * while keeping the hosts and the rest of the parameters (credentials, SSL settings) as given.
 * Accepts {@code jdbc:postgresql://hosts/database?params} and {@code jdbc:postgresql:database?params}.
 */
record PostgresUrl(String hosts, String database, Map<String, String> parameters) {

    private static final String PREFIX = "jdbc:postgresql:";

    PostgresUrl {
        parameters = new LinkedHashMap<>(parameters);
    }

    static PostgresUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected " + PREFIX + "//host:port/database): " + url);
        }
        String rest = url.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String hosts = null;
        String database = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return new PostgresUrl(hosts, database, params);
    }

    PostgresUrl withDatabase(String name) {
        return new PostgresUrl(hosts, name, parameters);
    }

    PostgresUrl withParameter(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(key, value);
        return new PostgresUrl(hosts, database, p);
    }

    String parameter(String key) {
        return parameters.get(key);
    }

    @Override
    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(PREFIX);
        if (hosts != null) {
            sb.append("//").append(hosts).append('/');
        }
        sb.append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }
}
