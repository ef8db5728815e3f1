package dev.oneira.gallery.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.testing.TestPostgres;

/** The moderation tables in a real PostgreSQL (migrations as at start): accounts, throttle, reports, audit. */
class ModerationTablesTest {

    private DataSource ds;
    private DreamRows rows;

    /** The configuration the gallery runs with, threshold 3, at most 5 reports per client per hour. */
    private static final ModerationConfig CONFIG = new ModerationConfig() {
        @Override
        public int reportThreshold() {
            return 3;
        }

        @Override
        public int reportsPerWindow() {
            return 5;
        }

        @Override
        public Duration reportWindow() {
            return Duration.ofHours(1);
        }
    };

    @BeforeEach
    void freshDatabase() {
        ds = TestPostgres.newDatabase("moderation").dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        rows = new DreamRows(ds);
    }

    static DreamManifest queued(Instant at) {
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(10).maxSide(96).build();
        return DreamManifest.queued(DreamId.next(), spec, 96, 72, at, Visibility.PUBLIC, "hash");
    }

    private List<DreamId> listed() {
        return rows.page(null, 100).dreams().stream().map(DreamEntry::manifest).map(DreamManifest::id).toList();
    }

    @Test
    void accountsKeepABcryptHashAndVerifyOnlyTheRightPassword() throws Exception {
        Moderators moderators = new Moderators(ds);
        moderators.add("alice", "correct horse battery".toCharArray());
        assertThat(moderators.verify("alice", "correct horse battery".toCharArray())).isTrue();
        assertThat(moderators.verify("alice", "correct horse batterz".toCharArray())).isFalse();
        assertThat(moderators.verify("bob", "correct horse battery".toCharArray())).isFalse();
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT password_hash FROM moderator WHERE name = 'alice'"); ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("$2").doesNotContain("correct horse");
        }
        assertThatThrownBy(() -> moderators.add("alice", "another good password".toCharArray()))
                .isInstanceOfSatisfying(ModerationRefused.class, e -> assertThat(e.detail()).contains("already"));
        assertThatThrownBy(() -> moderators.add("carol", "short".toCharArray()))
                .isInstanceOfSatisfying(ModerationRefused.class, e -> assertThat(e.detail()).contains("too short"));
        assertThat(moderators.exists("carol")).isFalse();
    }

    @Test
    void failedLoginsSlowTheNameAndTheClientAcrossInstances() {
        // two throttles over one database: two gallery instances
        LoginThrottle one = new LoginThrottle(ds);
        LoginThrottle two = new LoginThrottle(ds);
        List<String> keys = List.of(LoginThrottle.nameKey("alice"), LoginThrottle.clientKey("10.0.0.1"));
        for (int i = 0; i < LoginBackoff.FREE_FAILURES; i++) {
            (i % 2 == 0 ? one : two).failed(keys);
            assertThat(one.waitLeft(keys)).isZero();
        }
        two.failed(keys);
        Duration wait = one.waitLeft(keys);
        assertThat(wait).isPositive().isLessThanOrEqualTo(LoginBackoff.FIRST_WAIT);
        // the name is slowed from any client, the client for any name
        assertThat(two.waitLeft(List.of(LoginThrottle.nameKey("ALICE"), LoginThrottle.clientKey("10.9.9.9")))).isPositive();
        assertThat(two.waitLeft(List.of(LoginThrottle.nameKey("bob"), LoginThrottle.clientKey("10.0.0.1")))).isPositive();
        assertThat(two.waitLeft(List.of(LoginThrottle.nameKey("bob"), LoginThrottle.clientKey("10.9.9.9")))).isZero();
        two.failed(keys);
        assertThat(one.waitLeft(keys)).isGreaterThan(LoginBackoff.FIRST_WAIT);
        // a success forgets the name's failures, not the client's
        one.succeeded("alice");
        assertThat(one.waitLeft(List.of(LoginThrottle.nameKey("alice")))).isZero();
        assertThat(one.waitLeft(List.of(LoginThrottle.clientKey("10.0.0.1")))).isPositive();
    }

    @Test
    void distinctClientsReportsHideADreamOneReportPerClientAndAReviewShowsItAgain() {
        Reports reports = new Reports(ds, CONFIG);
        DreamManifest reported = queued(Instant.parse("2026-12-01T10:00:00Z"));
        DreamManifest other = queued(Instant.parse("2026-12-01T10:01:00Z"));
        rows.insert(reported);
        rows.insert(other);
        assertThat(listed()).containsExactly(other.id(), reported.id());

        assertThat(reports.report(reported.id(), "10.0.0.1", ReportReason.SEXUAL, "not for kids"))
                .isEqualTo(new Reports.Outcome(true, false));
        assertThat(reports.report(reported.id(), "10.0.0.1", ReportReason.SPAM, null))
                .as("the same client again: not counted").isEqualTo(new Reports.Outcome(false, false));
        assertThat(reports.report(reported.id(), "10.0.0.2", ReportReason.VIOLENCE, null)).isEqualTo(
                new Reports.Outcome(true, false));
        assertThat(reports.hidden(reported.id())).isFalse();
        assertThat(reports.report(reported.id(), "10.0.0.3", ReportReason.OTHER, "x")).isEqualTo(
                new Reports.Outcome(true, true));
        assertThat(reports.hidden(reported.id())).isTrue();
        assertThat(listed()).containsExactly(other.id());

        // a reindex rewrites the row from the manifest: the dream stays hidden
        rows.putManifest(reported.withVisibility(Visibility.PUBLIC));
        rows.delete(other.id());
        rows.putManifest(other);
        assertThat(listed()).containsExactly(other.id());

        List<Reports.Reported> queue = reports.reported(0, 10);
        assertThat(queue).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(reported.id());
            assertThat(r.openReports()).isEqualTo(3);
            assertThat(r.hidden()).isTrue();
            assertThat(r.reports()).extracting(Reports.Line::reason)
                    .containsExactlyInAnyOrder(ReportReason.SEXUAL, ReportReason.VIOLENCE, ReportReason.OTHER);
        });

        assertThat(reports.review(reported.id(), "alice", true)).isTrue();
        assertThat(reports.hidden(reported.id())).isFalse();
        assertThat(listed()).containsExactly(other.id(), reported.id());
        assertThat(reports.reported(0, 10)).isEmpty();
        assertThat(reports.review(reported.id(), "alice", true)).as("nothing to restore any more").isFalse();
        // a client whose report was reviewed cannot report the same dream again
        assertThat(reports.report(reported.id(), "10.0.0.1", ReportReason.SEXUAL, null).counted()).isFalse();
    }

    @Test
    void aClientIsRefusedAfterItsReportsPerWindowAndAMissingDreamIsNamed() {
        Reports reports = new Reports(ds, CONFIG);
        for (int i = 0; i < CONFIG.reportsPerWindow(); i++) {
            DreamManifest m = queued(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i));
            rows.insert(m);
            reports.report(m.id(), "10.0.0.7", ReportReason.SPAM, null);
        }
        DreamManifest one = queued(Instant.parse("2026-12-01T11:00:00Z"));
        rows.insert(one);
        assertThatThrownBy(() -> reports.report(one.id(), "10.0.0.7", ReportReason.SPAM, null))
                .isInstanceOfSatisfying(ModerationRefused.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModerationRefused.Kind.TOO_MANY);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        assertThat(reports.report(one.id(), "10.0.0.8", ReportReason.SPAM, null).counted()).isTrue();
        DreamId missing = DreamId.next();
        assertThatThrownBy(() -> reports.report(missing, "10.0.0.9", ReportReason.SPAM, null))
                .isInstanceOfSatisfying(ModerationRefused.class,
                        e -> assertThat(e.kind()).isEqualTo(ModerationRefused.Kind.NOT_FOUND));
    }

    @Test
    void theAuditLogKeepsEveryActionNewestFirstAfterTheDreamIsGone() {
        AuditLog audit = new AuditLog(ds);
        DreamManifest m = queued(Instant.parse("2026-12-01T10:00:00Z"));
        rows.insert(m);
        audit.record("alice", AuditLog.Action.KEEP, m.id(), null);
        audit.record("bob", AuditLog.Action.REMOVE, m.id(), "spam");
        rows.delete(m.id());
        List<AuditLog.Entry> page = audit.page(null, 10);
        assertThat(page).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.REMOVE, AuditLog.Action.KEEP);
        assertThat(page.get(0).moderator()).isEqualTo("bob");
        assertThat(page.get(0).reason()).isEqualTo("spam");
        assertThat(page.get(0).at()).isNotNull();
        assertThat(audit.page(page.get(0).id(), 10)).extracting(AuditLog.Entry::moderator).containsExactly("alice");
        assertThat(audit.of(m.id())).hasSize(2);
    }
}
