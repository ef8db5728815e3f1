package dev.oneira.gallery.moderation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.oneira.gallery.db.Sql;
import dev.oneira.shared.id.DreamId;

/**
 * The tables {@code dream_report} (one report per client per dream) and {@code dream_review} (a dream's
 * open reports and whether they hide it): reporting, the rate limit on it, the queue of reported dreams
 * and their review. The one place that reads and writes both; they change together in one transaction.
 */
public final class Reports {

    private final DataSource ds;
    private final ModerationConfig config;

    public Reports(DataSource ds, ModerationConfig config) {
        this.ds = ds;
        this.config = config;
    }

    /** What a report did: whether it was counted (the client's first on this dream), and whether the dream is hidden now. */
    public record Outcome(boolean counted, boolean hidden) {
    }

    /** One open report. */
    public record Line(ReportReason reason, String note, Instant at) {
    }

    /** A dream with open reports, for the console's queue. */
    public record Reported(DreamId id, int openReports, boolean hidden, Instant lastReportAt, List<Line> reports) {
    }

    /**
     * Records {@code client}'s report on the dream; refuses (TOO_MANY) a client over its reports per window
     * and (NOT_FOUND) a dream that is not there. A second report from the same client is not counted.
     */
    public Outcome report(DreamId id, String client, ReportReason reason, String note) {
        String text = ReportRules.note(note);
        return Sql.inTransaction(ds, c -> {
            // one client's reports are counted one at a time, whichever instance they reach
            try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 12))")) {
                st.setString(1, client);
                st.execute();
            }
            refuseIfTooMany(c, client);
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM dream WHERE id = ? FOR SHARE")) {
                Sql.setId(st, 1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new ModerationRefused(ModerationRefused.Kind.NOT_FOUND, "No such dream",
                                "There is no dream " + id + ". It may have been deleted.");
                    }
                }
            }
            boolean counted;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dream_report (dream_id, client, reason, note)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (dream_id, client) DO NOTHING")) {
                Sql.setId(st, 1, id);
                st.setString(2, client);
                st.setString(3, reason.name());
                st.setString(4, text);
                counted = st.executeUpdate() == 1;
            }
            if (counted) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO dream_review (dream_id, open_reports,"
                        + " last_report_at) VALUES (?, 1, clock_timestamp()) ON CONFLICT (dream_id) DO UPDATE SET"
                        + " open_reports = dream_review.open_reports + 1, last_report_at = clock_timestamp()")) {
                    Sql.setId(st, 1, id);
                    st.executeUpdate();
                }
            }
            int open = 0;
            boolean hidden = false;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT open_reports, hidden FROM dream_review WHERE dream_id = ? FOR UPDATE")) {
                Sql.setId(st, 1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        open = rs.getInt(1);
                        hidden = rs.getBoolean(2);
                    }
                }
            }
            if (!hidden && ReportRules.hides(open, config.reportThreshold())) {
                try (PreparedStatement st = c.prepareStatement("UPDATE dream_review SET hidden = true WHERE dream_id = ?")) {
                    Sql.setId(st, 1, id);
                    st.executeUpdate();
                }
                hidden = true;
            }
            return new Outcome(counted, hidden);
        });
    }

    private void refuseIfTooMany(Connection c, String client) throws SQLException {
        double seconds = config.reportWindow().toMillis() / 1000.0;
        try (PreparedStatement st = c.prepareStatement("SELECT count(*), extract(epoch FROM min(created_at)"
                + " + make_interval(secs => ?) - clock_timestamp()) FROM dream_report"
                + " WHERE client = ? AND created_at > clock_timestamp() - make_interval(secs => ?)")) {
            st.setDouble(1, seconds);
            st.setString(2, client);
            st.setDouble(3, seconds);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= config.reportsPerWindow()) {
                    long retry = Math.max(1, (long) Math.ceil(rs.getDouble(2)));
                    throw new ModerationRefused(ModerationRefused.Kind.TOO_MANY, "Too many reports", "You have sent "
                            + config.reportsPerWindow() + " reports recently, the most we take from one person in "
                            + config.reportWindow().toMinutes() + " minutes. Please try again in " + retry
                            + " seconds.", retry);
                }
            }
        }
    }

    /** Whether reports hide the dream until it is reviewed. */
    public boolean hidden(DreamId id) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT hidden FROM dream_review WHERE dream_id = ?")) {
                Sql.setId(st, 1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** Dreams with open reports, most recently reported first; {@code page} counts from 0. */
    public List<Reported> reported(int page, int size) {
        // OFFSET paging: the queue is what moderators have not reviewed yet, short by nature
        return Sql.once(ds, c -> {
            Map<DreamId, Reported> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT dream_id, open_reports, hidden, last_report_at"
                    + " FROM dream_review WHERE open_reports > 0 ORDER BY last_report_at DESC, dream_id DESC"
                    + " LIMIT ? OFFSET ?")) {
                st.setInt(1, size);
                st.setLong(2, (long) Math.max(0, page) * size);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        DreamId id = Sql.id(rs, "dream_id");
                        out.put(id, new Reported(id, rs.getInt("open_reports"), rs.getBoolean("hidden"),
                                Sql.time(rs, "last_report_at"), new ArrayList<>()));
                    }
                }
            }
            for (Reported r : out.values()) {
                try (PreparedStatement st = c.prepareStatement("SELECT reason, note, created_at FROM dream_report"
                        + " WHERE dream_id = ? AND cleared_at IS NULL ORDER BY created_at DESC LIMIT 20")) {
                    Sql.setId(st, 1, r.id());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            r.reports().add(new Line(ReportReason.valueOf(rs.getString(1)), rs.getString(2),
                                    Sql.time(rs, "created_at")));
                        }
                    }
                }
            }
            return out.values().stream().map(r -> new Reported(r.id(), r.openReports(), r.hidden(),
                    r.lastReportAt(), List.copyOf(r.reports()))).toList();
        });
    }

    /**
     * A moderator reviewed the dream: its open reports are cleared (kept, so their clients cannot report
     * it again) and it is shown again. {@code onlyIfHidden}: do nothing unless reports hide it (restore).
     * Answers whether anything changed.
     */
    public boolean review(DreamId id, String moderator, boolean onlyIfHidden) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dream_review SET open_reports = 0, hidden = false,"
                    + " reviewed_by = ?, reviewed_at = clock_timestamp() WHERE dream_id = ? AND "
                    + (onlyIfHidden ? "hidden" : "(hidden OR open_reports > 0)"))) {
                st.setString(1, moderator);
                Sql.setId(st, 2, id);
                if (st.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE dream_report SET cleared_at = clock_timestamp()"
                    + " WHERE dream_id = ? AND cleared_at IS NULL")) {
                Sql.setId(st, 1, id);
                st.executeUpdate();
            }
            return true;
        });
    }
}
