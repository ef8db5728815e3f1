package dev.oneira.shared.text;

/** Echoing user input into messages: bounded and printable, since messages end up in logs and pages. */
public final class InputEcho {

    private static final int MAX_ECHO = 60;

    private InputEcho() {
    }

    /** The text as given, cut to 60 characters (then "..."), control characters shown as '?'. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_ECHO).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        if (text.codePointCount(0, text.length()) > MAX_ECHO) {
            out.append("...");
        }
        return out.toString();
    }
}
