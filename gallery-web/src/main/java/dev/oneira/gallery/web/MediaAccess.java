package dev.oneira.gallery.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.moderation.ModeratorIdentityProvider;
import dev.oneira.gallery.moderation.Reports;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.OwnerTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;

/**
 * Who may fetch a dream's pictures and video. Anyone, while the dream is out in the open. While it is
 * held for review or hidden by reports (issue 12), only its owner (the owner cookie) and moderators (the
 * console shows the pictures), and those answers are not cached on the way ({@code private, no-store}):
 * the page already refuses to show it, and a link copied before the reports must not keep serving it.
 * To anyone else such a dream's media answer 404, as a dream that does not exist.
 */
@ApplicationScoped
public class MediaAccess {

    /** Who the answer is for, which decides how it may be cached. */
    public enum Audience { ANYONE, OWNER_OR_MODERATOR }

    @Inject
    DreamIndex index;
    @Inject
    Reports reports;
    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;

    /** The audience the asker belongs to; 404 when the dream does not exist or they may not see it. */
    public Audience require(DreamId id) {
        DreamManifest m = index.get(id).orElseThrow(NotFoundException::new).manifest();
        if (m.status() != DreamStatus.HELD && !reports.hidden(id)) {
            return Audience.ANYONE;
        }
        if (identity.hasRole(ModeratorIdentityProvider.ROLE) || owns(m)) {
            return Audience.OWNER_OR_MODERATOR;
        }
        throw new NotFoundException();
    }

    private boolean owns(DreamManifest m) {
        Cookie owner = request.getCurrent().request().getCookie(DreamApi.OWNER_COOKIE);
        return owner != null && OwnerTokens.matches(owner.getValue(), m.ownerTokenHash());
    }

    /** The headers every picture and video is served with, cached by whom the audience allows. */
    static Response.ResponseBuilder cached(Response.ResponseBuilder r, Audience audience) {
        return r.header("Cache-Control", audience == Audience.ANYONE ? "public, max-age=86400" : "private, no-store")
                .header("X-Content-Type-Options", "nosniff");
    }
}
