package dev.oneira.gallery.social;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.gallery.web.CrossSite;
import dev.oneira.gallery.web.Problem;
import dev.oneira.shared.id.DreamId;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code PUT / DELETE /api/dreams/{id}/like}: like a dream, or take the like back, as this browser (cookie
 * {@value ClientIds#COOKIE}, set by the answer when the browser has none). Both are idempotent and answer
 * the dream's count. A browser on another site is refused, as on the other API routes that change things.
 */
@Path("/api/dreams/{id}/like")
@Tag(name = "dreams")
public class LikeApi {

    @Inject
    Likes likes;

    /** A dream's likes, and whether the asking browser is one of them. */
    public record LikeState(String id, int likes, boolean likedByYou) {
    }

    @PUT
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Like a dream, once per browser (a second like changes nothing)",
            description = "Only public, finished dreams (status done) can be liked. The browser is known by its"
                    + " client id cookie oneira-client (HttpOnly, set by this answer when missing). Rate-limited per"
                    + " client address like uploads.")
    @APIResponse(responseCode = "200", description = "The dream's likes and likedByYou: true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LikeState.class)))
    @APIResponse(responseCode = "403", description = "The dream is hidden by its owner, or the request came from"
            + " another site (problem+json)")
    @APIResponse(responseCode = "404", description = "No such dream (problem+json)")
    @APIResponse(responseCode = "409", description = "The dream is not finished (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many likes and unlikes from this client (problem+json,"
            + " Retry-After)")
    public Response like(@PathParam("id") String id, @CookieParam(ClientIds.COOKIE) String client,
                         @HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam("Origin") String origin,
                         @HeaderParam("Host") String host, @Context HttpServerRequest request) {
        if (CrossSite.isCrossSite(fetchSite, origin, host)) {
            return crossSite(id);
        }
        return answer(likes.like(DreamId.parse(id), client, ClientAddress.of(request)), request);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take this browser's like of a dream back (without one, nothing changes)")
    @APIResponse(responseCode = "200", description = "The dream's likes and likedByYou: false",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LikeState.class)))
    @APIResponse(responseCode = "403", description = "The request came from another site (problem+json)")
    @APIResponse(responseCode = "404", description = "No such dream (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many likes and unlikes from this client (problem+json,"
            + " Retry-After)")
    public Response unlike(@PathParam("id") String id, @CookieParam(ClientIds.COOKIE) String client,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite, @HeaderParam("Origin") String origin,
                           @HeaderParam("Host") String host, @Context HttpServerRequest request) {
        if (CrossSite.isCrossSite(fetchSite, origin, host)) {
            return crossSite(id);
        }
        return answer(likes.unlike(DreamId.parse(id), client, ClientAddress.of(request)), request);
    }

    private static Response answer(Likes.Outcome outcome, HttpServerRequest request) {
        Response.ResponseBuilder r = Response.ok(new LikeState(outcome.id().toString(), outcome.likes(),
                outcome.liked()), MediaType.APPLICATION_JSON_TYPE);
        if (outcome.newClientId() != null) {
            r.cookie(ClientIds.cookie(outcome.newClientId(), "https".equals(request.scheme())));
        }
        return r.build();
    }

    private static Response crossSite(String id) {
        return Response.status(403).type(Problem.TYPE).entity(Problem.of(403, "Cross-site request refused",
                "Likes can only be given from this site's pages or by your own program.",
                "/api/dreams/" + id + "/like")).build();
    }
}
