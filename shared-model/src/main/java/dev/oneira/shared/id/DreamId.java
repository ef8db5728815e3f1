package dev.oneira.shared.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.github.f4b6a3.uuid.UuidCreator;
import dev.oneira.shared.text.InputEcho;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one dream: a UUIDv7 in canonical lowercase form, e.g.
 * {@code 01a21725-6773-7a0c-8bb4-22fa82f7780e}.
 *
 * <p>Time-ordered, so ids made later sort later as plain strings (object keys and lists sort by
 * age for free), and URL-safe. Its 74 random bits make ids of hidden dreams hard to guess. Only the
 * canonical form is accepted, so one dream never has two spellings (object keys are case-sensitive).
 * JSON: the string.
 */
public final class DreamId implements Comparable<DreamId> {

    /** Version 7, variant 10xx, lowercase hex. */
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final String value;

    private DreamId(String value) {
        this.value = value;
    }

    /** A new id, later than every id this JVM made before (monotonic within a millisecond). */
    public static DreamId next() {
        return new DreamId(UuidCreator.getTimeOrderedEpoch().toString());
    }

    /** The id, or an {@link InvalidDreamIdException} that names what was given. */
    @JsonCreator
    public static DreamId parse(String text) {
        if (text == null) {
            throw new InvalidDreamIdException("dream id is missing; expected a lowercase UUIDv7 such as "
                    + "01a21725-6773-7a0c-8bb4-22fa82f7780e");
        }
        if (!CANONICAL.matcher(text).matches()) {
            throw new InvalidDreamIdException("not a dream id: \"" + InputEcho.of(text)
                    + "\"; expected a lowercase UUIDv7 such as 01a21725-6773-7a0c-8bb4-22fa82f7780e");
        }
        return new DreamId(text);
    }

    public static boolean isValid(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    /** When the id was made, to the millisecond (the UUIDv7 timestamp). */
    public Instant createdAt() {
        return Instant.ofEpochMilli(Long.parseLong(value.substring(0, 8) + value.substring(9, 13), 16));
    }

    public UUID toUuid() {
        return UUID.fromString(value);
    }

    /** The canonical string: use it in keys, URLs and messages. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(DreamId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DreamId id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
