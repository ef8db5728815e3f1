package dev.oneira.gallery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import dev.oneira.gallery.db.DatabaseUnavailableException;
import dev.oneira.gallery.image.DecodeBudget;
import dev.oneira.gallery.image.ImageNormalizer;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.metrics.CountedUpload;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.shared.text.InputEcho;
import dev.oneira.store.ManifestStore;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreException;

/**
 * New dreams and deletions. An upload is checked in full (rate, broker up, size, spec, image, guide
 * image and mask) before anything is stored; then original, guide image and mask (when sent, see
 * {@link InputImages}), QUEUED manifest, the dream's row in the gallery database, DreamRequested with
 * the broker's ack, in that order. An upload is either all of that or nothing: when a step fails, what
 * was written is removed (row first, {@link FailedUploadCleanup}) and the person is told to try again.
 * Deletion and hiding change the manifest and the row; every instance reads the row, so they take
 * effect everywhere at once.
 */
@ApplicationScoped
public class DreamService {

    private static final Logger LOG = Logger.getLogger(DreamService.class);

    /** Form fields that are not spec fields. */
    public static final String IMAGE = "image";
    public static final String VISIBILITY = "visibility";
    public static final String CSRF = "csrf-token";

    @Inject
    ObjectStore store;
    @Inject
    RequestSender sender;
    @Inject
    DreamIndex index;
    @Inject
    GalleryConfig config;
    @Inject
    DataSource dataSource;

    private ManifestStore manifests;
    private volatile ImageNormalizer normalizer;
    private volatile RateLimiter limiter;
    /** The store with the short call timeout of uploads; package-visible so tests can put a hanging store here. */
    volatile ObjectStore uploadStore;
    private volatile FailedUploadCleanup cleanup;

    /** The new dream, and the owner token that may delete it (new unless the client already had one). */
    public record Created(DreamEntry entry, String ownerToken) {
    }

    public synchronized ImageNormalizer normalizer() {
        if (normalizer == null) {
            normalizer = new ImageNormalizer(config.maxUploadBytes(), config.maxPixels(),
                    DecodeBudget.ofHeapShare(config.decodeHeapShare(), config.decodeWait()));
        }
        return normalizer;
    }

    public RateLimiter limiter() {
        if (limiter == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new RateLimiter(dataSource, config.uploadsPerWindow(), config.uploadWindow());
                }
            }
        }
        return limiter;
    }

    /** Where DreamRequested goes (and whether it can go there now). */
    public RequestSender sender() {
        return sender;
    }

    synchronized ObjectStore uploadStore() {
        if (uploadStore == null) {
            uploadStore = store.withCallTimeout(config.uploadStoreTimeout());
        }
        return uploadStore;
    }

    synchronized FailedUploadCleanup cleanup() {
        if (cleanup == null) {
            cleanup = new FailedUploadCleanup(store, index::remove, config.failedUploadCleanupDelays());
        }
        return cleanup;
    }

    @PostConstruct
    void init() {
        manifests = new ManifestStore(store);
    }

    @PreDestroy
    synchronized void close() {
        if (cleanup != null) {
            cleanup.close();
        }
    }

    /**
     * @param fields     the form's text fields (spec fields by name, plus visibility and remixOf; csrf-token
     *                   ignored)
     * @param ownerToken the client's existing owner token, or null for a new one
     */
    public Created create(String client, byte[] image, String fileName, Map<String, String> fields,
                          String ownerToken) {
        return create(client, image, fileName, fields, ownerToken, null, null);
    }

    /**
     * @param guide the guide image part, or null for none (fields may name a dream whose guide to use
     *              again: {@link InputImages#GUIDE_FROM})
     * @param mask  the mask part, or null for none (likewise {@link InputImages#MASK_FROM})
     */
    @CountedUpload
    public Created create(String client, byte[] image, String fileName, Map<String, String> fields,
                          String ownerToken, InputImages.Part guide, InputImages.Part mask) {
        checkFieldLengths(fields);
        if (image == null) {
            throw new UploadRejected(400, "No photo", "The form has no file in the part \"image\". Choose a photo: "
                    + UploadRejected.ACCEPTED + ".");
        }
        limiter().check(client);
        if (!sender.isAvailable()) {
            // known down: say so at once, before decoding or storing anything
            throw new QueueUnavailable(sender.retryAfter());
        }
        Map<String, String> specFields = new LinkedHashMap<>(fields);
        specFields.remove(CSRF);
        String visibilityText = specFields.remove(VISIBILITY);
        Visibility visibility = parseVisibility(visibilityText);
        DreamId remixOf = RemixSource.check(specFields.remove(RemixSource.FIELD), ownerToken, index);
        guide = InputImages.sentOrReused(specFields, InputImages.GUIDE, guide, store);
        mask = InputImages.sentOrReused(specFields, InputImages.MASK, mask, store);
        DreamSpec spec = InputImages.parse(specFields, guide, mask);
        ImageNormalizer.Normalized normalized = normalizer().normalize(image, fileName, spec.maxSide());
        InputImages.Prepared inputs = InputImages.prepare(normalizer(), guide, mask, spec, normalized.width(),
                normalized.height());

        limiter().acquire(client);
        DreamId id = DreamId.next();
        String token = ownerToken != null && ownerToken.length() >= 32 && ownerToken.length() <= 64
                ? ownerToken : OwnerTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DreamManifest queued = DreamManifest.queued(id, spec, normalized.width(), normalized.height(), now,
                visibility, OwnerTokens.hash(token), remixOf);
        try {
            // the original first: a manifest is what makes a dream (and its media) public; guide and
            // mask before the manifest and the request, so a worker never looks for them in vain
            uploadStore().put(ObjectKeys.original(id), normalized.png(), "image/png");
            inputs.store(uploadStore(), id);
            ManifestStore.of(uploadStore()).write(queued);
        } catch (ObjectStoreException e) {
            LOG.warnf("upload %s not stored, removing what it may have left: %s", id, e.getMessage());
            undo(id, client);
            throw e;
        }
        // The row after the manifest (a row always has its manifest, so a reindex agrees with it), before
        // the request (a worker's first event finds it).
        DreamEntry entry;
        try {
            entry = index.put(queued);
        } catch (DatabaseUnavailableException e) {
            LOG.warnf("upload %s not listed, removing what it left: %s", id, e.getMessage());
            undo(id, client);
            throw e;
        }
        int partition;
        try {
            partition = sender.send(DreamRequested.of(id, spec, ObjectKeys.original(id), now));
        } catch (RequestSender.MessagingUnavailableException e) {
            // Not kept as a public FAILED dream: the person is told to send it again, so nothing of it stays.
            LOG.warnf("dream %s could not be queued, removing it: %s", id, e.getMessage());
            undo(id, client);
            throw new QueueUnavailable(sender.retryAfter());
        }
        try {
            index.recordPartition(id, partition, spec.workMegapixelSteps());
        } catch (DatabaseUnavailableException e) {
            // the request is on its way: the dream only goes without a queue estimate
            LOG.warnf("dream %s: its partition is not recorded (no estimate): %s", id, e.getMessage());
        }
        LOG.infof("dream %s queued (%dx%d from %s %dx%d, preset %s)", id, normalized.width(), normalized.height(),
                normalized.sourceFormat(), normalized.sourceWidth(), normalized.sourceHeight(), spec.preset());
        return new Created(entry, token);
    }

    /**
     * An upload failed after something was written: its count given back, its row and objects removed (at
     * once and again later: {@link FailedUploadCleanup}). Best effort; the database may be what failed.
     */
    private void undo(DreamId id, String client) {
        try {
            limiter().release(client);
        } catch (RuntimeException e) {
            LOG.debugf("upload %s: its rate-limit count stays: %s", id, e.getMessage());
        }
        cleanup().discard(id);
    }

    /** Every text field within the limit; the first too long one is named with its length and the limit. */
    void checkFieldLengths(Map<String, String> fields) {
        int max = config.maxFieldLength();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getValue() != null && f.getValue().length() > max) {
                throw new UploadRejected(400, "Form field too long", "The field \"" + InputEcho.of(f.getKey())
                        + "\" is " + f.getValue().length() + " characters long; fields may be at most " + max
                        + " characters.");
            }
        }
    }

    /** Deletes the dream and all its objects if {@code ownerToken} is its owner's; false when it is not. */
    public boolean delete(DreamId id, String ownerToken) {
        Optional<DreamEntry> entry = known(id);
        if (entry.isEmpty()) {
            throw new NotFound(id);
        }
        if (!OwnerTokens.matches(ownerToken, entry.get().manifest().ownerTokenHash())) {
            return false;
        }
        purge(id);
        LOG.infof("dream %s deleted by its owner", id);
        return true;
    }

    /** Deletes the dream and all its objects, whoever asks (a moderator's removal; the owner's delete). */
    public void purge(DreamId id) {
        // The manifest first (a reindex never brings the dream back), then the row (gone from every
        // instance at once), then the media (never served without a row).
        manifests.delete(id);
        index.remove(id);
        for (String key : ObjectKeys.allFixedKeys(id)) {
            store.delete(key);
        }
        for (String prefix : ObjectKeys.allPrefixes(id)) {
            store.deletePrefix(prefix); // previews; an unfinished animation's checkpoints
        }
    }

    /** The dream's row; without one (a database behind its store), its manifest. */
    private Optional<DreamEntry> known(DreamId id) {
        return index.get(id).or(() -> manifests.read(id).map(m -> new DreamEntry(m, null)));
    }

    /**
     * Hides the dream from the public gallery or shows it again, if {@code ownerToken} is its
     * owner's; false when it is not. A hidden dream stays reachable by its link.
     */
    public boolean setVisibility(DreamId id, String ownerToken, Visibility visibility) {
        Optional<DreamEntry> entry = known(id);
        if (entry.isEmpty()) {
            throw new NotFound(id);
        }
        if (!OwnerTokens.matches(ownerToken, entry.get().manifest().ownerTokenHash())) {
            return false;
        }
        // The stored manifest, not the row's copy: the worker may have moved the dream on since. The row
        // takes only the visibility (it may be ahead of the manifest), and every instance reads it.
        DreamManifest current = manifests.read(id).orElseThrow(() -> new NotFound(id));
        manifests.write(current.withVisibility(visibility));
        index.setVisibility(id, visibility);
        LOG.infof("dream %s made %s by its owner", id, visibility.name().toLowerCase());
        return true;
    }

    public static Visibility parseVisibility(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("public")) {
            return Visibility.PUBLIC;
        }
        if (text.trim().equalsIgnoreCase("hidden")) {
            return Visibility.HIDDEN;
        }
        throw new UploadRejected(400, "Invalid visibility", "visibility must be public or hidden (was "
                + InputEcho.of(text) + ")");
    }

    /** The broker does not take requests now: nothing of the upload was kept; try again after {@code retryAfter}. */
    public static final class QueueUnavailable extends RuntimeException {
        private final Duration retryAfter;

        QueueUnavailable(Duration retryAfter) {
            super("the message broker is unreachable");
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return Math.max(1, retryAfter.toSeconds());
        }
    }

    /** A dream hidden by its reports until a moderator reviews it (issue 12): its page says so, the API too. */
    public static final class Hidden extends RuntimeException {
        public Hidden(DreamId id) {
            super("Dream " + id + " was reported and is hidden until a moderator has reviewed it.");
        }
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(DreamId id) {
            super("There is no dream " + id + ". It may have been deleted by its owner.");
        }
    }
}
