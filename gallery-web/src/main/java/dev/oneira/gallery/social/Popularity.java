package dev.oneira.gallery.social;

import java.time.Duration;
import java.time.Instant;

/**
 * The "popular" order: likes with time decay. A dream's score at time {@code t} is
 *
 * <pre>score(t) = (likes + 1) * 2^(-age(t) / HALF_LIFE)</pre>
 *
 * an exponential half-life: a like is worth half as much a day later. The +1 lets a dream without likes
 * still rank by age (newer first) rather than all tie at 0.
 *
 * <p>Why exponential and not Hacker News' {@code likes / (age_hours + 2)^1.5}: with exponential decay the
 * order of two dreams never changes as time passes, only when their likes change, because
 * {@code log2 score(t) = log2(likes + 1) + created / HALF_LIFE - t / HALF_LIFE} and the last term is the
 * same for every dream. So the order is a time-free {@link #rank}: the creation time in seconds, moved
 * {@code HALF_LIFE} later per doubling of (likes + 1). It is stored in the dream's row (updated with each
 * like), indexed like the newest order, and a keyset cursor (rank, id) stays valid however long it is
 * kept: no snapshot time is needed in the cursor, and no score is recomputed at query time. With a
 * polynomial decay the order at noon differs from the order at midnight, so a page-2 cursor would
 * compare scores of different moments (or every query would have to score every dream).
 */
public final class Popularity {

    /** A like today counts as two a day ago; equivalently, each doubling of likes + 1 is worth a day of newness. */
    public static final Duration HALF_LIFE = Duration.ofHours(24);

    private static final double HALF_LIFE_SECONDS = HALF_LIFE.toSeconds();

    private Popularity() {
    }

    /** The decaying score of a dream with {@code likes} that is {@code age} old. */
    public static double score(int likes, Duration age) {
        return (likes + 1) * Math.pow(2, -(age.toMillis() / 1000.0) / HALF_LIFE_SECONDS);
    }

    /**
     * The time-free sort key: larger = more popular. Orders dreams exactly as {@link #score} does at any
     * moment. Seconds since the epoch (created at millisecond precision, as the database keeps it).
     */
    public static double rank(Instant createdAt, int likes) {
        if (likes < 0) {
            throw new IllegalArgumentException("likes must be 0 or more, not " + likes);
        }
        return createdAt.toEpochMilli() / 1000.0 + HALF_LIFE_SECONDS * (Math.log(likes + 1.0) / Math.log(2));
    }
}
