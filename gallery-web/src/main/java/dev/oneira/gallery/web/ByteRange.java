package dev.oneira.gallery.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HTTP {@code Range} header asks of an object of a known size (RFC 9110 section 14). Browsers
 * play and seek an MP4 with range requests and Safari plays nothing without 206 answers. Parsed by
 * hand: JAX-RS has no range support and the header is one regular expression for the single-range
 * case.
 *
 * <ul>
 * <li>no header, another unit than {@code bytes}, or several ranges: {@link Kind#WHOLE} (the server
 *     may ignore a Range header; multipart/byteranges answers are not worth their complexity here,
 *     browsers ask for one range);</li>
 * <li>{@code bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffixLength}: {@link Kind#PART}
 *     with last cut at the end;</li>
 * <li>a range that starts at or past the end, a zero suffix, last before first, or a bytes range that
 *     is not numbers: {@link Kind#UNSATISFIABLE} (answered 416 with {@code Content-Range: bytes *}/size).</li>
 * </ul>
 */
public record ByteRange(Kind kind, long first, long last, long size) {

    public enum Kind { WHOLE, PART, UNSATISFIABLE }

    private static final Pattern BYTES = Pattern.compile("\\s*bytes\\s*=\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONE = Pattern.compile("\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

    /** The answer to {@code header} (may be null) for an object of {@code size} bytes. */
    public static ByteRange of(String header, long size) {
        if (header == null || header.isBlank()) {
            return whole(size);
        }
        Matcher unit = BYTES.matcher(header);
        if (!unit.matches()) {
            return whole(size);
        }
        String spec = unit.group(1);
        if (spec.contains(",")) {
            return whole(size);
        }
        Matcher m = ONE.matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return unsatisfiable(size);
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return unsatisfiable(size);
            }
            return new ByteRange(Kind.PART, Math.max(0, size - suffix), size - 1, size);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
        if (first >= size || last < first) {
            return unsatisfiable(size);
        }
        return new ByteRange(Kind.PART, first, Math.min(last, size - 1), size);
    }

    private static ByteRange whole(long size) {
        return new ByteRange(Kind.WHOLE, 0, size - 1, size);
    }

    private static ByteRange unsatisfiable(long size) {
        return new ByteRange(Kind.UNSATISFIABLE, -1, -1, size);
    }

    /** Bytes the answer carries. */
    public long length() {
        return kind == Kind.UNSATISFIABLE ? 0 : last - first + 1;
    }

    /** The Content-Range header: {@code bytes first-last/size}, or {@code bytes *}/size for a 416. */
    public String contentRange() {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + size : "bytes " + first + "-" + last + "/" + size;
    }
}
