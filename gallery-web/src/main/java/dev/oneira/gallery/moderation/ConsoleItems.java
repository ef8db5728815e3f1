package dev.oneira.gallery.moderation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.web.Links;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;

/** The console's rows, as the page and the JSON API show them. */
public final class ConsoleItems {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ConsoleItems() {
    }

    /** One of the five classes of the screening, as a percentage. */
    public record Score(String name, double probability, String percent) {
        static List<Score> of(NsfwScores scores) {
            return scores == null ? null : scores.ranked().stream().map(e -> new Score(e.getKey(), e.getValue(),
                    String.format(Locale.ROOT, "%.1f %%", e.getValue() * 100))).toList();
        }
    }

    /** A dream the screening held: its photo and the five probabilities (and the guide image's, if any). */
    public record Held(String id, String created, String imageUrl, double threshold, List<Score> scores,
                       List<Score> guideScores) {
        static Held of(DreamEntry e) {
            DreamManifest m = e.manifest();
            Screening s = m.screening();
            String id = m.id().toString();
            return new Held(id, when(m.createdAt()), Links.original(id), s == null ? Double.NaN : s.threshold(),
                    s == null ? List.of() : Score.of(s.original()), s == null ? null : Score.of(s.guide()));
        }
    }

    /** One open report, for the page. */
    public record Line(String reason, String note, String at) {
    }

    /** A dream with open reports. */
    public record Reported(String id, String imageUrl, int openReports, boolean hidden, String lastReport,
                           List<Line> lines) {
        static Reported of(Reports.Reported r) {
            String id = r.id().toString();
            return new Reported(id, Links.original(id), r.openReports(), r.hidden(), when(r.lastReportAt()),
                    r.reports().stream().map(l -> new Line(l.reason().label(), l.note(), when(l.at()))).toList());
        }
    }

    /** A line of the log. */
    public record Audit(long id, String at, String moderator, String action, String dreamId, String reason) {
        static Audit of(AuditLog.Entry e) {
            return new Audit(e.id(), when(e.at()), e.moderator(), e.action().name().toLowerCase(Locale.ROOT),
                    e.dreamId().toString(), e.reason());
        }
    }

    static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }
}
