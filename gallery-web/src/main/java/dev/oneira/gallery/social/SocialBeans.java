package dev.oneira.gallery.social;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.LikeRows;

/** Wires the plain-Java likes table. */
@ApplicationScoped
public class SocialBeans {

    @Produces
    @Singleton
    LikeRows likeRows(DreamRows rows) {
        return new LikeRows(rows);
    }
}
