package dev.oneira.gallery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.oneira.gallery.image.ImageNormalizer;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamError;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/**
 * New dreams and deletions. An upload is checked in full (rate, size, spec, image) before anything is
 * stored; then original, guide image and mask (when sent, see {@link InputImages}), QUEUED manifest,
 * DreamRequested with the broker's ack, in that order.
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

    private volatile ImageNormalizer normalizer;
    private volatile RateLimiter limiter;

    /** The new dream, and the owner token that may delete it (new unless the client already had one). */
    public record Created(DreamEntry entry, String ownerToken) {
    }

    public ImageNormalizer normalizer() {
        if (normalizer == null) {
            normalizer = new ImageNormalizer(config.maxUploadBytes(), config.maxPixels());
        }
        return normalizer;
    }

    public RateLimiter limiter() {
        if (limiter == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new RateLimiter(config.uploadsPerWindow(), config.uploadWindow());
                }
            }
        }
        return limiter;
    }

    /**
     * @param fields     the form's text fields (spec fields by name, plus visibility; csrf-token ignored)
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
    public Created create(String client, byte[] image, String fileName, Map<String, String> fields,
                          String ownerToken, InputImages.Part guide, InputImages.Part mask) {
        if (image == null) {
            throw new UploadRejected(400, "No photo", "The form has no file in the part \"image\". Choose a photo: "
                    + UploadRejected.ACCEPTED + ".");
        }
        limiter().acquire(client);
        Map<String, String> specFields = new LinkedHashMap<>(fields);
        specFields.remove(CSRF);
        String visibilityText = specFields.remove(VISIBILITY);
        Visibility visibility = parseVisibility(visibilityText);
        guide = InputImages.sentOrReused(specFields, InputImages.GUIDE, guide, store);
        mask = InputImages.sentOrReused(specFields, InputImages.MASK, mask, store);
        DreamSpec spec = InputImages.parse(specFields, guide, mask);
        ImageNormalizer.Normalized normalized = normalizer().normalize(image, fileName, spec.maxSide());
        InputImages.Prepared inputs = InputImages.prepare(normalizer(), guide, mask, spec, normalized.width(),
                normalized.height());

        DreamId id = DreamId.next();
        String token = ownerToken != null && ownerToken.length() >= 32 && ownerToken.length() <= 64
                ? ownerToken : OwnerTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DreamManifest queued = DreamManifest.queued(id, spec, normalized.width(), normalized.height(), now,
                visibility, OwnerTokens.hash(token));
        store.put(ObjectKeys.original(id), normalized.png(), "image/png");
        // Guide and mask before the manifest and the request: a worker must never look for them in vain.
        try {
            inputs.store(store, id);
            store.put(ObjectKeys.manifest(id), ManifestCodec.encode(queued), "application/json");
        } catch (RuntimeException e) {
            inputs.delete(store, id);
            throw e;
        }
        DreamEntry entry = index.put(queued);
        try {
            sender.send(DreamRequested.of(id, spec, ObjectKeys.original(id), now));
        } catch (RequestSender.MessagingUnavailableException e) {
            LOG.warnf("dream %s could not be queued: %s", id, e.getMessage());
            DreamManifest failed = queued.failed(new DreamError("We could not pass your dream on to the dreamers:"
                    + " the message broker did not answer. Nothing was dreamt; please try again in a minute.",
                    FailureCode.MESSAGING_UNAVAILABLE, true), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            try {
                store.put(ObjectKeys.manifest(id), ManifestCodec.encode(failed), "application/json");
            } catch (RuntimeException storeFailure) {
                LOG.warnf("could not record the failure of %s: %s", id, storeFailure.getMessage());
            }
            index.put(failed);
            inputs.delete(store, id);
            throw new QueueUnavailable(id, e.getMessage());
        }
        LOG.infof("dream %s queued (%dx%d from %s %dx%d, preset %s)", id, normalized.width(), normalized.height(),
                normalized.sourceFormat(), normalized.sourceWidth(), normalized.sourceHeight(), spec.preset());
        return new Created(entry, token);
    }

    /** Deletes the dream and all its objects if {@code ownerToken} is its owner's; false when it is not. */
    public boolean delete(DreamId id, String ownerToken) {
        Optional<DreamEntry> entry = index.get(id).or(() -> index.load(id));
        if (entry.isEmpty()) {
            throw new NotFound(id);
        }
        if (!OwnerTokens.matches(ownerToken, entry.get().manifest().ownerTokenHash())) {
            return false;
        }
        store.delete(ObjectKeys.manifest(id));
        for (String key : ObjectKeys.allFixedKeys(id)) {
            store.delete(key);
        }
        store.deletePrefix(ObjectKeys.previewPrefix(id));
        index.remove(id);
        LOG.infof("dream %s deleted by its owner", id);
        return true;
    }

    /**
     * Hides the dream from the public gallery or shows it again, if {@code ownerToken} is its
     * owner's; false when it is not. A hidden dream stays reachable by its link.
     */
    public boolean setVisibility(DreamId id, String ownerToken, Visibility visibility) {
        Optional<DreamEntry> entry = index.get(id).or(() -> index.load(id));
        if (entry.isEmpty()) {
            throw new NotFound(id);
        }
        if (!OwnerTokens.matches(ownerToken, entry.get().manifest().ownerTokenHash())) {
            return false;
        }
        // The stored manifest, not the index's copy: the worker may have moved the dream on since.
        DreamManifest current = index.load(id).orElseThrow(() -> new NotFound(id)).manifest();
        DreamManifest updated = current.withVisibility(visibility);
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(updated), "application/json");
        index.put(updated);
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
                + dev.oneira.shared.text.InputEcho.of(text) + ")");
    }

    public static final class QueueUnavailable extends RuntimeException {
        private final DreamId id;

        QueueUnavailable(DreamId id, String why) {
            super(why);
            this.id = id;
        }

        public DreamId id() {
            return id;
        }
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(DreamId id) {
            super("There is no dream " + id + ". It may have been deleted by its owner.");
        }
    }
}
