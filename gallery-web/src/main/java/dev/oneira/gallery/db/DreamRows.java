package dev.oneira.gallery.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamMerge;
import dev.oneira.gallery.social.Popularity;
import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.Visibility;

/**
 * The {@code dream} table: one row per dream, the manifest kept whole as JSON beside the columns the
 * gallery filters and orders on (status, visibility, id = age; likes and popular rank, issue 12). The one
 * place that reads and writes it.
 */
public final class DreamRows {

    private static final String COLUMNS = "id, status, visibility, created_at, manifest, progress, last_event_at";
    /** What a read selects: the written columns, plus the likes and the popular rank (kept by {@link PopularRows#adjustLikes}). */
    static final String READ = COLUMNS + ", likes, popular_rank";
    /** Leaves out dreams that reports hide until a moderator reviews them (table dream_review, issue 12). */
    static final String NOT_REPORT_HIDDEN = " AND NOT EXISTS (SELECT 1 FROM dream_review r WHERE r.dream_id = dream.id"
            + " AND r.hidden)";

    /** The dreams the public gallery lists, in either order (held dreams await review: not listed). */
    static final String LISTED = "visibility = 'PUBLIC' AND status <> 'HELD'" + DreamRows.NOT_REPORT_HIDDEN;

    private final DataSource ds;

    public DreamRows(DataSource ds) {
        this.ds = ds;
    }

    public DataSource dataSource() {
        return ds;
    }

    /** One page of public dreams, newest first, strictly older than {@code before} (null: from the newest). */
    public record Page(List<DreamEntry> dreams, DreamId next) {
    }

    /** The row of a dream, or empty. */
    public Optional<DreamMerge.Known> find(DreamId id) {
        return Sql.once(ds, c -> find(c, id, false));
    }

    Optional<DreamMerge.Known> find(Connection c, DreamId id, boolean forUpdate) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + READ + " FROM dream WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            Sql.setId(st, 1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(known(rs)) : Optional.empty();
            }
        }
    }

    /**
     * A new dream's row (the upload's); answers false when a row with that id exists already (left as it is).
     */
    public boolean insert(DreamManifest manifest) {
        return Sql.once(ds, c -> insert(c, new DreamMerge.Known(new DreamEntry(manifest, null),
                DreamMerge.timeOf(manifest))));
    }

    boolean insert(Connection c, DreamMerge.Known known) throws SQLException {
        DreamManifest m = known.entry().manifest();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dream (" + COLUMNS
                + ", popular_rank) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            Sql.setId(st, 1, m.id());
            st.setString(2, m.status().name());
            st.setString(3, m.visibility().name());
            Sql.setTime(st, 4, m.createdAt());
            st.setString(5, ManifestCodec.toJson(m));
            st.setString(6, progressJson(known.entry().progress()));
            Sql.setTime(st, 7, known.lastEventAt());
            st.setDouble(8, Popularity.rank(m.createdAt(), 0));
            return st.executeUpdate() == 1;
        }
    }

    /**
     * New dreams' rows in one batch (a bulk load: a restored store, the benchmark); rows that exist already
     * are left as they are. Answers how many were inserted.
     */
    public int insertAll(List<DreamManifest> manifests) {
        if (manifests.isEmpty()) {
            return 0;
        }
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dream (" + COLUMNS
                    + ", popular_rank) VALUES (?, ?, ?, ?, ?::jsonb, NULL, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (DreamManifest m : manifests) {
                    Sql.setId(st, 1, m.id());
                    st.setString(2, m.status().name());
                    st.setString(3, m.visibility().name());
                    Sql.setTime(st, 4, m.createdAt());
                    st.setString(5, ManifestCodec.toJson(m));
                    Sql.setTime(st, 6, DreamMerge.timeOf(m));
                    st.setDouble(7, Popularity.rank(m.createdAt(), 0));
                    st.addBatch();
                }
                int n = 0;
                for (int r : st.executeBatch()) {
                    n += Math.max(0, r);
                }
                return n;
            }
        });
    }

    void update(Connection c, DreamMerge.Known known) throws SQLException {
        DreamManifest m = known.entry().manifest();
        try (PreparedStatement st = c.prepareStatement("UPDATE dream SET status = ?, visibility = ?, manifest = ?::jsonb,"
                + " progress = ?::jsonb, last_event_at = ?, updated_at = now() WHERE id = ?")) {
            st.setString(1, m.status().name());
            st.setString(2, m.visibility().name());
            st.setString(3, ManifestCodec.toJson(m));
            st.setString(4, progressJson(known.entry().progress()));
            Sql.setTime(st, 5, known.lastEventAt());
            Sql.setId(st, 6, m.id());
            st.executeUpdate();
        }
    }

    /**
     * Records a manifest read from the store (reindex, or a dream the projection met without a row):
     * inserted when new, else replacing the row unless the row is ahead ({@link DreamMerge#manifestWins}).
     * Answers whether the row changed.
     */
    public boolean putManifest(DreamManifest manifest) {
        return Sql.inTransaction(ds, c -> putManifest(c, manifest));
    }

    boolean putManifest(Connection c, DreamManifest manifest) throws SQLException {
        DreamMerge.Known fresh = new DreamMerge.Known(new DreamEntry(manifest, null), DreamMerge.timeOf(manifest));
        Optional<DreamMerge.Known> row = find(c, manifest.id(), true);
        if (row.isEmpty()) {
            return insert(c, fresh);
        }
        if (!DreamMerge.manifestWins(row.get(), manifest) || row.get().entry().manifest().equals(manifest)) {
            return false;
        }
        Instant last = row.get().lastEventAt().isAfter(fresh.lastEventAt()) ? row.get().lastEventAt()
                : fresh.lastEventAt();
        update(c, new DreamMerge.Known(new DreamEntry(manifest, manifest.status().isFinal() ? null
                : row.get().entry().progress()), last));
        return true;
    }

    /** Hides or shows the dream: the manifest as just written to the store, visibility with it. */
    public void setVisibility(DreamId id, Visibility visibility) {
        Sql.inTransaction(ds, c -> {
            Optional<DreamMerge.Known> row = find(c, id, true);
            if (row.isPresent()) {
                DreamEntry e = row.get().entry();
                update(c, new DreamMerge.Known(e.withManifest(e.manifest().withVisibility(visibility)),
                        row.get().lastEventAt()));
            }
            return null;
        });
    }

    /** Removes the row (the dream was deleted, or its upload failed); a missing row is not an error. */
    public boolean delete(DreamId id) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM dream WHERE id = ?")) {
                Sql.setId(st, 1, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    /**
     * Public dreams, newest first, from the partial index {@code dream_public_newest} (keyset: no OFFSET).
     * A HELD dream (issue 12) is public only once a moderator approved it, so it is left out.
     */
    public Page page(DreamId before, int limit) {
        return publicPage(null, before, limit);
    }

    /**
     * (new, issue 15) The public remixes of {@code source}, newest first, from the index {@code dream_remixes}
     * on the manifest's {@code remixOf} (keyset, as {@link #page}).
     */
    public Page remixes(DreamId source, DreamId before, int limit) {
        return publicPage(source, before, limit);
    }

    private Page publicPage(DreamId remixOf, DreamId before, int limit) {
        return remixOf == null ? newestFirst(LISTED, null, before, limit)
                : newestFirst(LISTED + " AND manifest->>'remixOf' = ?", remixOf.toString(), before, limit);
    }

    /**
     * One keyset page, newest first, of the rows matching {@code condition} (with at most one {@code ?},
     * bound to {@code value} when not null), strictly older than {@code before}.
     */
    private Page newestFirst(String condition, String value, DreamId before, int limit) {
        return Sql.once(ds, c -> {
            String sql = "SELECT " + READ + " FROM dream WHERE " + condition
                    + (before == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                if (value != null) {
                    st.setString(i++, value);
                }
                if (before != null) {
                    Sql.setId(st, i++, before);
                }
                st.setInt(i, limit + 1);
                List<DreamEntry> out = new ArrayList<>(limit + 1);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(known(rs).entry());
                    }
                }
                if (out.size() > limit) {
                    out = out.subList(0, limit);
                    return new Page(List.copyOf(out), out.get(limit - 1).manifest().id());
                }
                return new Page(List.copyOf(out), null);
            }
        });
    }

    /** (new, issue 15) The engine identity of the newest dream that has one (a worker took it), if any. */
    public Optional<EngineIdentity> newestEngine() {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT manifest->'engine'->>'modelSha256',"
                    + " manifest->'engine'->>'engineVersion' FROM dream WHERE manifest->'engine' IS NOT NULL"
                    + " ORDER BY id DESC LIMIT 1");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new EngineIdentity(rs.getString(1), rs.getString(2)))
                        : Optional.<EngineIdentity>empty();
            }
        });
    }

    /** Dreams with this status, newest first, strictly older than {@code before} (the console's queue of held dreams). */
    public Page withStatus(dev.oneira.shared.manifest.DreamStatus status, DreamId before, int limit) {
        return newestFirst("status = ?", status.name(), before, limit);
    }

    /**
     * A moderator released a held dream: the row takes the approved manifest as just written to the store,
     * whatever the times say (the approval is newer than any event of the dream). False unless it was HELD.
     */
    public boolean release(DreamManifest approved) {
        return Sql.inTransaction(ds, c -> {
            Optional<DreamMerge.Known> row = find(c, approved.id(), true);
            if (row.isEmpty() || row.get().entry().manifest().status() != dev.oneira.shared.manifest.DreamStatus.HELD) {
                return false;
            }
            update(c, new DreamMerge.Known(new DreamEntry(approved, null), DreamMerge.timeOf(approved)));
            return true;
        });
    }

    /** 1 for the next dream a worker takes: queued dreams older than this one, plus one (index {@code dream_queued}). */
    public int queuePosition(DreamId id) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT count(*) FROM dream WHERE status = 'QUEUED' AND id < ?")) {
                Sql.setId(st, 1, id);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) + 1;
                }
            }
        });
    }

    /** Dreams with this status (QUEUED from the partial index {@code dream_queued}; others scan the table). */
    public long count(dev.oneira.shared.manifest.DreamStatus status) {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM dream WHERE status = ?")) {
                st.setString(1, status.name());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every id in the table, in id order, to {@code each} (reindex: rows whose manifest is gone). */
    public void forEachId(java.util.function.Consumer<DreamId> each) {
        DreamId after = null;
        while (true) {
            DreamId from = after;
            List<DreamId> batch = Sql.once(ds, c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT id FROM dream"
                        + (from == null ? "" : " WHERE id > ?") + " ORDER BY id LIMIT 1000")) {
                    if (from != null) {
                        Sql.setId(st, 1, from);
                    }
                    List<DreamId> ids = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            ids.add(Sql.id(rs, "id"));
                        }
                    }
                    return ids;
                }
            });
            batch.forEach(each);
            if (batch.size() < 1000) {
                return;
            }
            after = batch.get(batch.size() - 1);
        }
    }

    /** Rows in the table: PostgreSQL's estimate (exact counts of a million rows are a scan). */
    public long estimatedCount() {
        return Sql.once(ds, c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'dream'");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Whether the database answers a trivial query within {@code seconds}. */
    public boolean reachable(int seconds) {
        try (Connection c = ds.getConnection()) {
            return c.isValid(seconds);
        } catch (SQLException e) {
            return false;
        }
    }

    static DreamMerge.Known known(ResultSet rs) throws SQLException {
        DreamManifest m = ManifestCodec.decode(rs.getString("manifest"));
        String progress = rs.getString("progress");
        DreamProgress p = progress == null ? null : EventCodec.decode(progress.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), DreamProgress.class);
        return new DreamMerge.Known(new DreamEntry(m, p, rs.getInt("likes")), Sql.time(rs, "last_event_at"));
    }

    private static String progressJson(DreamProgress p) {
        return p == null ? null : EventCodec.toJson(p);
    }
}
