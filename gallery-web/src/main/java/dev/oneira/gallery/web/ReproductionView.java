package dev.oneira.gallery.web;

import java.util.List;
import java.util.Optional;

import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.EngineIdentity;

/**
 * Which network and engine made a dream, on its page (issue 15): a settings row with the short hash of
 * the weights and the engine version, and a note when the workers now dream with another network, so
 * that "dream again with these settings" (same seed) would not give the same picture.
 */
final class ReproductionView {

    /** Characters of the SHA-256 shown on the page (the API has all 64). */
    static final int SHORT = 12;

    private ReproductionView() {
    }

    static List<DreamPage.Row> rows(DreamManifest m) {
        EngineIdentity e = m.engine();
        return List.of(new DreamPage.Row("Network", e == null
                ? "not recorded (dreamt before networks were recorded, or not started yet)"
                : "weights " + shortHash(e.modelSha256()) + ", engine " + e.engineVersion()));
    }

    /** Null unless the dream's network is known and differs from the one dreaming now. */
    static String networkNote(DreamManifest m, Optional<EngineIdentity> now) {
        EngineIdentity e = m.engine();
        if (e == null || now.isEmpty() || e.modelSha256().equals(now.get().modelSha256())) {
            return null;
        }
        return "This dream was made with another network (weights " + shortHash(e.modelSha256())
                + ") than the one dreaming now (" + shortHash(now.get().modelSha256()) + "): dreaming it again with"
                + " these settings and the same seed will not give the same picture.";
    }

    static String shortHash(String sha256) {
        return sha256 == null ? "unknown" : sha256.substring(0, Math.min(SHORT, sha256.length()));
    }
}
