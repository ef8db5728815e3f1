package dev.oneira.gallery.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The rules of moderation without a database: login backoff, report threshold and text, names and passwords. */
class ModerationRulesTest {

    @Test
    void aFewFailedLoginsAreFreeThenEachWaitDoublesUpToTheCap() {
        for (int f = 0; f <= LoginBackoff.FREE_FAILURES; f++) {
            assertThat(LoginBackoff.waitAfter(f)).as("after %d failures", f).isZero();
        }
        int first = LoginBackoff.FREE_FAILURES + 1;
        assertThat(LoginBackoff.waitAfter(first)).isEqualTo(LoginBackoff.FIRST_WAIT);
        assertThat(LoginBackoff.waitAfter(first + 1)).isEqualTo(LoginBackoff.FIRST_WAIT.multipliedBy(2));
        assertThat(LoginBackoff.waitAfter(first + 2)).isEqualTo(LoginBackoff.FIRST_WAIT.multipliedBy(4));
        assertThat(LoginBackoff.waitAfter(first + 30)).isEqualTo(LoginBackoff.MAX_WAIT);
        assertThat(LoginBackoff.waitAfter(Integer.MAX_VALUE)).isEqualTo(LoginBackoff.MAX_WAIT);
        // growing: never shorter after one more failure
        for (int f = 0; f < 40; f++) {
            assertThat(LoginBackoff.waitAfter(f + 1)).isGreaterThanOrEqualTo(LoginBackoff.waitAfter(f));
        }
        assertThat(LoginBackoff.MAX_WAIT).isLessThanOrEqualTo(LoginBackoff.WINDOW);
    }

    @Test
    void reportsHideADreamFromTheThresholdOn() {
        assertThat(ReportRules.hides(2, 3)).isFalse();
        assertThat(ReportRules.hides(3, 3)).isTrue();
        assertThat(ReportRules.hides(4, 3)).isTrue();
        assertThat(ReportRules.hides(1, 1)).isTrue();
        // a threshold of 0 would hide every dream without a report: one report is always needed
        assertThat(ReportRules.hides(0, 0)).isFalse();
        assertThat(ReportRules.hides(1, 0)).isTrue();
    }

    @Test
    void aReportsTextIsTrimmedOptionalAndAtMost500Characters() {
        assertThat(ReportRules.note(null)).isNull();
        assertThat(ReportRules.note("   ")).isNull();
        assertThat(ReportRules.note("  a cat  ")).isEqualTo("a cat");
        assertThat(ReportRules.note("x".repeat(500))).hasSize(500);
        assertThatThrownBy(() -> ReportRules.note("x".repeat(501)))
                .isInstanceOfSatisfying(ModerationRefused.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModerationRefused.Kind.INVALID);
                    assertThat(e.detail()).contains("at most 500", "501");
                });
    }

    @Test
    void reasonsAreReadByTheirWireNameAndAnUnknownOneNamesTheAllowed() {
        assertThat(ReportReason.parse("sexual")).isEqualTo(ReportReason.SEXUAL);
        assertThat(ReportReason.parse(" Spam ")).isEqualTo(ReportReason.SPAM);
        assertThatThrownBy(() -> ReportReason.parse("boring")).isInstanceOfSatisfying(ModerationRefused.class,
                e -> assertThat(e.detail()).contains("sexual, violence, hate, privacy, spam, other"));
        assertThatThrownBy(() -> ReportReason.parse(null)).isInstanceOfSatisfying(ModerationRefused.class,
                e -> assertThat(e.detail()).contains("missing"));
    }

    @Test
    void namesAndPasswordsAreChecked() {
        assertThat(Passwords.nameProblem("alice")).isEmpty();
        assertThat(Passwords.nameProblem("Alice")).isPresent();
        assertThat(Passwords.nameProblem("a")).isPresent();
        assertThat(Passwords.nameProblem("al ice")).isPresent();
        assertThat(Passwords.passwordProblem("alice", "short".toCharArray())).get().asString()
                .contains("too short", "at least 12");
        assertThat(Passwords.passwordProblem("alice", "my-alice-password".toCharArray())).get().asString()
                .contains("name");
        assertThat(Passwords.passwordProblem("alice", "correct horse battery".toCharArray())).isEmpty();
        assertThat(Passwords.passwordProblem("alice", null)).isPresent();
    }

    @Test
    void theWaitIsToldInWords() {
        assertThat(ModerationConsole.words(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(ModerationConsole.words(Duration.ofSeconds(16))).isEqualTo("16 seconds");
        assertThat(ModerationConsole.words(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    }
}
