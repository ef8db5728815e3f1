package dev.oneira.gallery;

import java.util.Optional;

import jakarta.inject.Inject;

import dev.oneira.gallery.moderation.ModeratorCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The gallery's entry point: without arguments the web gallery; {@code reindex} rebuilds the database's
 * dream rows from the manifests and exits (0 done, 1 failed, 2 unknown command); {@code moderator add NAME}
 * makes a moderator account ({@link ModeratorCommand}). A command runs with the
 * gallery's own configuration (database, object store), without the projection and live events.
 */
@QuarkusMain
public class GalleryMain implements QuarkusApplication {

    // outside oneira.gallery.*: that prefix is GalleryConfig's, where an unknown key fails validation
    static final String COMMAND_PROPERTY = "oneira.run-command";
    public static final String REINDEX = "reindex";
    public static final String MODERATOR = "moderator";

    @Inject
    ReindexCommand reindex;
    @Inject
    ModeratorCommand moderator;

    public static void main(String... args) {
        if (args.length > 0) {
            System.setProperty(COMMAND_PROPERTY, args[0]);
        }
        Quarkus.run(GalleryMain.class, args);
    }

    /** The command this process runs, if it is not the web gallery. */
    static Optional<String> command() {
        return Optional.ofNullable(System.getProperty(COMMAND_PROPERTY));
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (REINDEX.equals(args[0])) {
            return reindex.run();
        }
        if (MODERATOR.equals(args[0])) {
            return moderator.run(args);
        }
        System.err.println("oneira gallery: unknown command '" + args[0] + "'; commands: " + REINDEX + ", "
                + MODERATOR + " add NAME");
        return 2;
    }
}
