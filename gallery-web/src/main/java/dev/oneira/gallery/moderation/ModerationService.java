package dev.oneira.gallery.moderation;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.RequestSender;
import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.event.DreamRequested;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ManifestStore;

/**
 * What a moderator does to a dream: approve (a held dream is released to be dreamt; a reported one kept,
 * its reports cleared), restore (a dream that reports hid is shown again) and remove (deleted with its
 * images, as its owner would). Every action that changed something writes an audit row.
 */
@ApplicationScoped
public class ModerationService {

    private static final Logger LOG = Logger.getLogger(ModerationService.class);

    @Inject
    DreamRows rows;
    @Inject
    ManifestStore manifests;
    @Inject
    RequestSender sender;
    @Inject
    DreamService dreams;
    @Inject
    Reports reports;
    @Inject
    AuditLog audit;

    /** What an approval did. */
    public enum Approved {
        /** A held dream went back in line, approved, to be dreamt. */
        RELEASED,
        /** A reported dream stays (or is again) in the gallery, its reports cleared. */
        KEPT
    }

    public Approved approve(DreamId id, String moderator) {
        DreamEntry entry = existing(id);
        if (entry.manifest().status() == DreamStatus.HELD) {
            release(id, moderator);
            return Approved.RELEASED;
        }
        if (reports.review(id, moderator, false)) {
            audit.record(moderator, AuditLog.Action.KEEP, id, null);
            LOG.infof("reported dream %s kept by moderator %s", id, moderator);
            return Approved.KEPT;
        }
        throw new ModerationRefused(ModerationRefused.Kind.CONFLICT, "Nothing to approve", "Dream " + id
                + " is neither held for review nor reported; there is nothing to approve.");
    }

    /**
     * The stored manifest (the worker wrote it HELD) becomes approved and queued, then the row, then a
     * DreamRequested with the approval goes to the workers, who dream it whatever its screening says.
     */
    private void release(DreamId id, String moderator) {
        DreamManifest stored = manifests.read(id).orElseThrow(() -> gone(id));
        if (stored.status() != DreamStatus.HELD) {
            throw new ModerationRefused(ModerationRefused.Kind.CONFLICT, "Not held", "Dream " + id
                    + " is not held for review any more (it is " + stored.status().name().toLowerCase() + ").");
        }
        Instant now = Instant.now();
        Approval approval = new Approval(moderator, now);
        DreamManifest approved = stored.approved(approval);
        manifests.write(approved);
        rows.release(approved);
        sender.send(DreamRequested.approved(id, approved.spec(), ObjectKeys.original(id), approved.createdAt(), approval));
        audit.record(moderator, AuditLog.Action.APPROVE, id, null);
        LOG.infof("held dream %s approved by moderator %s", id, moderator);
    }

    /** Shows again a dream that reports hid; refused when reports do not hide it. */
    public void restore(DreamId id, String moderator) {
        existing(id);
        if (!reports.review(id, moderator, true)) {
            throw new ModerationRefused(ModerationRefused.Kind.CONFLICT, "Not hidden", "Dream " + id
                    + " is not hidden by reports; there is nothing to restore.");
        }
        audit.record(moderator, AuditLog.Action.RESTORE, id, null);
        LOG.infof("dream %s restored by moderator %s", id, moderator);
    }

    /** Deletes the dream, its manifest, row and images; the audit row (with the reason, if given) stays. */
    public void remove(DreamId id, String moderator, String reason) {
        existing(id);
        String why = ReportRules.note(reason);
        dreams.purge(id);
        audit.record(moderator, AuditLog.Action.REMOVE, id, why);
        LOG.infof("dream %s removed by moderator %s", id, moderator);
    }

    private DreamEntry existing(DreamId id) {
        Optional<dev.oneira.gallery.index.DreamMerge.Known> row = rows.find(id);
        return row.map(dev.oneira.gallery.index.DreamMerge.Known::entry).orElseThrow(() -> gone(id));
    }

    private static ModerationRefused gone(DreamId id) {
        return new ModerationRefused(ModerationRefused.Kind.NOT_FOUND, "No such dream", "There is no dream " + id
                + ". It may have been deleted.");
    }
}
