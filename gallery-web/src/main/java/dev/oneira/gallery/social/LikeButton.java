package dev.oneira.gallery.social;

import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;

/**
 * The like button of a finished dream's page (templates/tags/likebutton.html): its count in words,
 * whether this browser likes it, and whether it can be liked at all (public and finished).
 */
public record LikeButton(String id, int likes, boolean liked, boolean likeable, String words) {

    /** The button of this dream, or null when it is not finished (nothing to like yet). */
    public static LikeButton of(DreamEntry entry, boolean liked) {
        DreamManifest m = entry.manifest();
        if (m.status() != DreamStatus.DONE) {
            return null;
        }
        return new LikeButton(m.id().toString(), entry.likes(), liked, Likes.likeable(m), words(entry.likes()));
    }

    /** "1 like", "3 likes" (as likes.js words it too). */
    public static String words(int likes) {
        return likes + (likes == 1 ? " like" : " likes");
    }
}
