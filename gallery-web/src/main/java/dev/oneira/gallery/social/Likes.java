package dev.oneira.gallery.social;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.RateLimiter;
import dev.oneira.gallery.db.LikeRows;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.Visibility;

/**
 * Liking and unliking: who may like what (public, finished dreams), once per browser (its client id,
 * {@link ClientIds}), rate-limited per client address like uploads ({@link RateLimiter}, its own count).
 * Unliking is always allowed (taking back one's own like harms no one). No HTTP here: refusals are
 * {@link Refused} with a {@link Refusal}, which the HTTP edge turns into statuses.
 */
@ApplicationScoped
public class Likes {

    static final RateLimiter.Counted COUNTED = new RateLimiter.Counted("like", "Too many likes",
            "likes and unlikes");

    @Inject
    LikeRows likeRows;
    @Inject
    DreamIndex index;
    @Inject
    LikeConfig config;
    @Inject
    DataSource dataSource;

    private volatile RateLimiter limiter;

    /** Why a like was refused. */
    public enum Refusal { NOT_PUBLIC, NOT_FINISHED }

    /** A like the rules do not allow; the message says what is allowed. */
    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /**
     * After a like or unlike: the dream's likes, whether this browser likes it, and the client id to give
     * the browser when it had none (null when it kept its own).
     */
    public record Outcome(DreamId id, int likes, boolean liked, String newClientId) {
    }

    public RateLimiter limiter() {
        if (limiter == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new RateLimiter(dataSource, COUNTED, config.perWindow(), config.window());
                }
            }
        }
        return limiter;
    }

    /** {@code clientId}'s like of the dream (a second like changes nothing). */
    public Outcome like(DreamId id, String clientId, String address) {
        // the rules first, so a refused like is not counted against the rate limit; checked again under the row lock
        allow(index.get(id).orElseThrow(() -> new DreamService.NotFound(id)));
        limiter().acquire(address);
        String fresh = ClientIds.isValid(clientId) ? null : ClientIds.newId();
        LikeRows.State state = likeRows.like(id, ClientIds.hash(fresh == null ? clientId : fresh), Likes::allow)
                .orElseThrow(() -> new DreamService.NotFound(id));
        return new Outcome(id, state.likes(), state.liked(), fresh);
    }

    /** Takes back {@code clientId}'s like of the dream, if there is one. */
    public Outcome unlike(DreamId id, String clientId, String address) {
        DreamEntry entry = index.get(id).orElseThrow(() -> new DreamService.NotFound(id));
        if (!ClientIds.isValid(clientId)) {
            return new Outcome(id, entry.likes(), false, null); // a browser without an id has liked nothing
        }
        limiter().acquire(address);
        LikeRows.State state = likeRows.unlike(id, ClientIds.hash(clientId))
                .orElseThrow(() -> new DreamService.NotFound(id));
        return new Outcome(id, state.likes(), state.liked(), null);
    }

    /** Which of {@code ids} this browser likes (none without a client id). */
    public Set<DreamId> likedAmong(String clientId, Collection<DreamId> ids) {
        return ClientIds.isValid(clientId) ? likeRows.likedAmong(ClientIds.hash(clientId), ids) : Set.of();
    }

    public boolean likes(String clientId, DreamId id) {
        return likedAmong(clientId, Set.of(id)).contains(id);
    }

    /** Whether the dream can be liked at all: public and finished. */
    public static boolean likeable(DreamManifest m) {
        return m.visibility() == Visibility.PUBLIC && m.status() == DreamStatus.DONE;
    }

    static void allow(DreamEntry entry) {
        DreamManifest m = entry.manifest();
        if (m.visibility() != Visibility.PUBLIC) {
            throw new Refused(Refusal.NOT_PUBLIC, "This dream is hidden from the public gallery by its owner:"
                    + " only public dreams can be liked.");
        }
        if (m.status() != DreamStatus.DONE) {
            throw new Refused(Refusal.NOT_FINISHED, "This dream is not finished (its status is "
                    + m.status().name().toLowerCase(Locale.ROOT) + "): only finished dreams (status done) can be"
                    + " liked. Come back when it is done.");
        }
    }
}
