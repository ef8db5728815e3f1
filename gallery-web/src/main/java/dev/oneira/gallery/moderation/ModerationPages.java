package dev.oneira.gallery.moderation;

import java.util.Arrays;
import java.util.List;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.qute.TemplateInstance;

/** The moderation pages (templates/moderation/*.html), one record each, checked against the templates at build. */
public final class ModerationPages {

    private ModerationPages() {
    }

    /** The console: held and reported dreams, the audit log. */
    @CheckedTemplate(basePath = "moderation", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record Console(String moderator, List<ConsoleItems.Held> held, String heldNext,
                          List<ConsoleItems.Reported> reported, int reportedPage, boolean reportedMore,
                          List<ConsoleItems.Audit> audit, String auditNext, String notice)
            implements TemplateInstance {
    }

    /** The login form; {@code error} after a refused attempt, {@code wait} while this client must wait. */
    @CheckedTemplate(basePath = "moderation", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record Login(boolean error, String waitText) implements TemplateInstance {
    }

    /** A dream's page while reports hide it: no picture, no share card. */
    @CheckedTemplate(basePath = "moderation", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record HiddenDream(String id) implements TemplateInstance {
    }

    /** The answer to the report form. */
    @CheckedTemplate(basePath = "moderation", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    public record ReportThanks(String id, boolean counted) implements TemplateInstance {
    }

    /** The reasons offered by the report form on every dream's page ({@code templates/moderation/report-form.html}). */
    @TemplateGlobal
    public static List<ReportReason> reportReasons() {
        return Arrays.asList(ReportReason.values());
    }

    @TemplateGlobal
    public static int reportNoteMax() {
        return ReportRules.MAX_NOTE;
    }
}
