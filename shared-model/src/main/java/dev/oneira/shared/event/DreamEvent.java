package dev.oneira.shared.event;

import dev.oneira.shared.id.DreamId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Something that happened to one dream. {@code DreamRequested} travels on {@code dream-requests},
 * the others on {@code dream-events}; the Kafka key is always the dream id.
 *
 * <p>JSON (see {@link EventCodec}): {@code type} and {@code schemaVersion} first, then the record's
 * fields by name. Delivery is at-least-once, so consumers dedupe by {@link #eventId()}.
 */
public sealed interface DreamEvent permits DreamRequested, DreamStarted, DreamProgress, DreamCompleted, DreamFailed,
        DreamHeld {

    /** Bumped only for changes old readers cannot ignore; added fields do not bump it. */
    int SCHEMA_VERSION = 1;

    /** Unique per event (a random UUID), the same on every redelivery of that event. */
    String eventId();

    DreamId dreamId();

    /** When the event was made. */
    Instant at();

    /** The JSON {@code type}: the record's simple name, e.g. "DreamProgress". */
    String type();

    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** Now, to the millisecond: every JSON and JavaScript date parser reads that exactly. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
