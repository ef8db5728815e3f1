package dev.oneira.gallery;

import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.text.InputEcho;

/**
 * The form and API field {@code remixOf} (issue 15): the dream a new one was remixed from ("dream again",
 * "remix"). It must name a dream the uploader can see: a public one (not held for review), or one whose
 * owner token they hold. Anything else is refused with the same words whether the dream does not exist or
 * is not theirs to see, so the field cannot be used to find hidden dreams.
 */
public final class RemixSource {

    /** The field's name, in the form and the API. */
    public static final String FIELD = "remixOf";

    private RemixSource() {
    }

    /** The source named by {@code text}; null when the field is absent or empty. */
    public static DreamId check(String text, String ownerToken, DreamIndex index) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (!DreamId.isValid(trimmed)) {
            throw new UploadRejected(400, "Invalid remixOf", "remixOf must be the id of a dream (a UUID as in"
                    + " /d/{id}), was \"" + InputEcho.of(text) + "\". Leave it out for a dream that is no remix.");
        }
        DreamId id = DreamId.parse(trimmed);
        boolean visible = index.get(id).map(DreamEntry::manifest).filter(m -> visibleTo(m, ownerToken)).isPresent();
        if (!visible) {
            throw new UploadRejected(400, "Unknown remix source", "remixOf names no dream you can see (" + id
                    + "): it may have been deleted, or it is not public. Name a public dream, or one you uploaded.");
        }
        return id;
    }

    /** Public and not held, or the caller holds its owner token. */
    public static boolean visibleTo(DreamManifest m, String ownerToken) {
        boolean isPublic = m.visibility() == Visibility.PUBLIC && m.status() != DreamStatus.HELD;
        return isPublic || OwnerTokens.matches(ownerToken, m.ownerTokenHash());
    }
}
