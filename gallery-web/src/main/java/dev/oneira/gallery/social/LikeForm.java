package dev.oneira.gallery.social;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.shared.id.DreamId;
import io.vertx.core.http.HttpServerRequest;

/**
 * The like button of a dream's page without scripts: a CSRF-checked form ({@code FormGuard} and
 * quarkus-rest-csrf guard every form post) with {@code action=like} or {@code unlike}; back to the page.
 * With scripts, likes.js calls {@link LikeApi} instead and the page is not reloaded.
 */
@Path("/d/{id}/like")
public class LikeForm {

    @Inject
    Likes likes;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response post(@PathParam("id") String id, @FormParam("action") String action,
                         @CookieParam(ClientIds.COOKIE) String client, @Context HttpServerRequest request) {
        DreamId dreamId = DreamId.parse(id);
        Likes.Outcome outcome = "unlike".equals(action) ? likes.unlike(dreamId, client, ClientAddress.of(request))
                : likes.like(dreamId, client, ClientAddress.of(request));
        Response.ResponseBuilder r = Response.seeOther(URI.create("/d/" + dreamId + "#like"));
        if (outcome.newClientId() != null) {
            r.cookie(ClientIds.cookie(outcome.newClientId(), "https".equals(request.scheme())));
        }
        return r.build();
    }
}
