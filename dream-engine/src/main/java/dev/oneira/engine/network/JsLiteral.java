package dev.oneira.engine.network;

/**
 * Just enough of JavaScript to read the object and string literals that TensorFlow.js model files
 * wrapped as UMD modules (as nsfwjs ships them) contain: {@code ...exports={modelTopology:{...}}}
 * and {@code ...exports="<base64>"}.
 */
final class JsLiteral {

    private JsLiteral() {
    }

    /**
     * Returns the object literal assigned by the first {@code exports=&#123;} outside a string,
     * braces balanced and strings skipped.
     *
     * @throws IllegalArgumentException when there is none or it is not closed
     */
    static String exportedObject(String js) {
        int start = findExport(js, '{');
        if (start < 0) {
            throw new IllegalArgumentException("no `exports={...}` object literal found");
        }
        int depth = 0;
        for (int i = start; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(js, i);
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return js.substring(start, i + 1);
                }
            }
        }
        throw new IllegalArgumentException("the `exports={...}` object literal starting at offset " + start
                + " is not closed (file truncated?)");
    }

    /**
     * Returns the contents of the string literal assigned by the first {@code exports="}.
     * Escapes are not interpreted (base64 has none; a backslash fails).
     */
    static String exportedString(String js) {
        int start = findExport(js, '"');
        char quote = '"';
        if (start < 0) {
            start = findExport(js, '\'');
            quote = '\'';
        }
        if (start < 0) {
            throw new IllegalArgumentException("no `exports=\"...\"` string literal found");
        }
        int end = js.indexOf(quote, start + 1);
        if (end < 0) {
            throw new IllegalArgumentException("the exported string starting at offset " + start
                    + " is not closed (file truncated?)");
        }
        String s = js.substring(start + 1, end);
        if (s.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the exported string contains escapes; expected plain base64");
        }
        return s;
    }

    /**
     * Turns a JavaScript object literal as minifiers write it into text that Jackson reads with
     * unquoted field names and leading-decimal-point numbers allowed: {@code !0} and {@code !1}
     * outside strings become {@code true} and {@code false}. Anything else that is not JSON-like
     * is left to Jackson, which reports it with its position.
     */
    static String minifiedToJson(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 1024);
        int n = literal.length();
        for (int i = 0; i < n; i++) {
            char c = literal.charAt(i);
            if (c == '"' || c == '\'') {
                int end = endOfString(literal, i);
                out.append(literal, i, end + 1);
                i = end;
            } else if (c == '!' && i + 1 < n && (literal.charAt(i + 1) == '0' || literal.charAt(i + 1) == '1')
                    && (i + 2 >= n || !isNumberChar(literal.charAt(i + 2)))) {
                out.append(literal.charAt(i + 1) == '0' ? "true" : "false");
                i++;
            } else if (c == '!') {
                throw new IllegalArgumentException("unsupported JavaScript expression at offset " + i + ": "
                        + excerpt(literal, i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String excerpt(String s, int at) {
        int from = Math.max(0, at - 30);
        int to = Math.min(s.length(), at + 30);
        return "..." + s.substring(from, to) + "...";
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == 'x';
    }

    /** Offset of the opening {@code open} character of the first {@code exports=<open>} outside strings. */
    private static int findExport(String js, char open) {
        String marker = "exports=" + open;
        int n = js.length();
        for (int i = 0; i < n; i++) {
            char c = js.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(js, i);
            } else if (c == 'e' && js.startsWith(marker, i)) {
                return i + marker.length() - 1;
            }
        }
        return -1;
    }

    /** Index of the closing quote of the string literal opening at {@code start}. */
    private static int endOfString(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new IllegalArgumentException("string literal opening at offset " + start + " is not closed");
    }
}
