package dev.oneira.gallery.index;

import dev.oneira.shared.event.DreamProgress;
import dev.oneira.shared.manifest.DreamManifest;

/**
 * What the gallery knows about one dream: its manifest as last seen, plus the latest progress (not
 * stored), and its likes as counted in the read model (issue 12; 0 where not read from a row).
 */
public record DreamEntry(DreamManifest manifest, DreamProgress progress, int likes) {

    public DreamEntry(DreamManifest manifest, DreamProgress progress) {
        this(manifest, progress, 0);
    }

    public DreamEntry withManifest(DreamManifest m) {
        return new DreamEntry(m, progress, likes);
    }

    public DreamEntry withProgress(DreamProgress p) {
        return new DreamEntry(manifest, p, likes);
    }
}
