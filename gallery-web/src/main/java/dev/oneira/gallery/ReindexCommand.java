package dev.oneira.gallery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.Reindex;
import dev.oneira.store.ManifestStore;

/** {@code reindex}: the plain-Java {@link Reindex} with the gallery's database and store, progress on stdout. */
@ApplicationScoped
public class ReindexCommand {

    @Inject
    ManifestStore manifests;
    @Inject
    DreamRows rows;

    public int run() {
        try {
            new Reindex(manifests, rows, line -> System.out.println("reindex: " + line), Duration.ofSeconds(5)).run();
            return 0;
        } catch (RuntimeException e) {
            System.err.println("reindex: failed: " + e.getMessage());
            return 1;
        }
    }
}
