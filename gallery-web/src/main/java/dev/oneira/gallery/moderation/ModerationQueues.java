package dev.oneira.gallery.moderation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamStatus;

/** The console's queues and log, page by page, as the page and the JSON API show them; actions by name. */
@ApplicationScoped
public class ModerationQueues {

    @Inject
    DreamRows rows;
    @Inject
    Reports reports;
    @Inject
    AuditLog audit;
    @Inject
    ModerationService service;

    public record HeldPage(List<ConsoleItems.Held> dreams, String next) {
    }

    public record ReportedPage(List<ConsoleItems.Reported> dreams, int page, boolean more) {
    }

    public record AuditPage(List<ConsoleItems.Audit> entries, Long next) {
    }

    /** Held dreams, newest first, older than {@code before} (a dream id; null or not an id: from the newest). */
    public HeldPage held(String before, int limit) {
        DreamId from = before == null || !DreamId.isValid(before) ? null : DreamId.parse(before);
        DreamRows.Page page = rows.withStatus(DreamStatus.HELD, from, limit);
        return new HeldPage(page.dreams().stream().map(ConsoleItems.Held::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    public ReportedPage reported(int page, int limit) {
        List<Reports.Reported> list = reports.reported(page, limit + 1);
        boolean more = list.size() > limit;
        return new ReportedPage(list.stream().limit(limit).map(ConsoleItems.Reported::of).toList(), page, more);
    }

    public AuditPage audit(Long before, int limit) {
        List<AuditLog.Entry> list = audit.page(before, limit + 1);
        boolean more = list.size() > limit;
        List<ConsoleItems.Audit> entries = list.stream().limit(limit).map(ConsoleItems.Audit::of).toList();
        return new AuditPage(entries, more ? entries.get(limit - 1).id() : null);
    }

    /** Carries out {@code action} (approve, restore, remove); answers what was done (released, kept, restored, removed). */
    public String act(DreamId id, String action, String moderator, String reason) {
        return switch (action == null ? "" : action) {
            case "approve" -> service.approve(id, moderator) == ModerationService.Approved.RELEASED ? "released" : "kept";
            case "restore" -> {
                service.restore(id, moderator);
                yield "restored";
            }
            case "remove" -> {
                service.remove(id, moderator, reason);
                yield "removed";
            }
            default -> throw new ModerationRefused(ModerationRefused.Kind.NOT_FOUND, "No such action",
                    "The actions on a dream are approve, restore and remove.");
        };
    }
}
