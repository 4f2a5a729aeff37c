package io.proofline.circuits.base;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader for the small JSON files this module ships: objects, strings and integers
 * only (no arrays, fractions or literals), so that the key commitments can be read without a
 * JSON library in the circuits module.
 */
final class JsonReader {

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @return the top-level object: values are {@code Map<String, Object>}, {@code String} or {@code Long}
     * @throws IllegalArgumentException naming the offset of the first error
     */
    static Map<String, Object> parseObject(String text) {
        JsonReader r = new JsonReader(text);
        r.skipSpace();
        Map<String, Object> object = r.object();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("text after the top-level object");
        }
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            int at = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (out.put(key, value()) != null) {
                pos = at;
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                pos--;
                throw error("expected , or }");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return Long.parseLong(text, start, pos, 10);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("not an integer");
            }
        }
        throw error("expected an object, a string or an integer");
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> {
                    pos--;
                    throw error("bad escape \\" + e);
                }
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected " + c);
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
