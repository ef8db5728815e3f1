package dev.oneira.gallery.index;

import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.manifest.DreamManifest;

/** What the gallery knows about one dream: its manifest as last seen, plus the latest progress (not stored). */
public record DreamEntry(DreamManifest manifest, DreamProgress progress) {

    public DreamEntry withManifest(DreamManifest m) {
        return new DreamEntry(m, progress);
    }

    public DreamEntry withProgress(DreamProgress p) {
        return new DreamEntry(manifest, p);
    }
}
