package dev.oneira.gallery.moderation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.oneira.gallery.web.Problem;
import dev.oneira.shared.id.DreamId;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The moderators' JSON API: the queues, the log and the actions, with the console's session (sign in at
 * /moderation/login). Without it every call is a 401 problem, never the login page's redirect. Posts must
 * say Content-Type: application/json (with or without a body), which no other site can send without CORS.
 */
@Path("/api/moderation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(ModeratorIdentityProvider.ROLE)
@Tag(name = "moderation")
@SecurityScheme(securitySchemeName = "moderator", type = SecuritySchemeType.APIKEY,
        apiKeyName = "quarkus-credential", in = org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn.COOKIE,
        description = "The session cookie of the form login at /moderation/login (POST /j_security_check)")
@SecurityRequirement(name = "moderator")
public class ModerationApi {

    @Inject
    SecurityIdentity identity;
    @Inject
    ModerationQueues queues;

    /** A moderator's optional reason for removing a dream. */
    public record RemoveRequest(@Schema(description = "kept in the log, at most 500 characters") String reason) {
    }

    /** What an action did: released, kept, restored or removed. */
    public record ActionResult(String id, String result) {
    }

    @GET
    @Path("held")
    @Operation(summary = "Dreams held by the screening", description = "Newest first, with the five probabilities;"
            + " next: the cursor of the following page (before=...).")
    public ModerationQueues.HeldPage held(@QueryParam("before") String before) {
        return queues.held(before, ModerationConsole.PAGE);
    }

    @GET
    @Path("reported")
    @Operation(summary = "Dreams with open reports", description = "Most recently reported first, with the reasons.")
    public ModerationQueues.ReportedPage reported(@QueryParam("page") Integer page) {
        return queues.reported(page == null || page < 0 ? 0 : page, ModerationConsole.PAGE);
    }

    @GET
    @Path("audit")
    @Operation(summary = "The log of moderators' actions", description = "Newest first; next: before=...")
    public ModerationQueues.AuditPage audit(@QueryParam("before") Long before) {
        return queues.audit(before, 50);
    }

    @POST
    @Path("dreams/{id}/approve")
    @Operation(summary = "Approve a dream", description = "A held dream is dreamt (result released); a reported one"
            + " stays in the gallery and its reports are cleared (result kept).")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(schema = @Schema(implementation = ActionResult.class)))
    @APIResponse(responseCode = "409", description = "Neither held nor reported", content = @Content(mediaType = "application/problem+json"))
    public ActionResult approve(@PathParam("id") String id, @Context HttpHeaders headers) {
        return act(id, "approve", null, headers);
    }

    @POST
    @Path("dreams/{id}/restore")
    @Operation(summary = "Show again a dream that reports hid")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(schema = @Schema(implementation = ActionResult.class)))
    @APIResponse(responseCode = "409", description = "Not hidden by reports", content = @Content(mediaType = "application/problem+json"))
    public ActionResult restore(@PathParam("id") String id, @Context HttpHeaders headers) {
        return act(id, "restore", null, headers);
    }

    @POST
    @Path("dreams/{id}/remove")
    @Operation(summary = "Remove a dream", description = "Deletes its images, manifest and row; the log keeps the entry.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RemoveRequest.class)))
    @APIResponse(responseCode = "200", description = "Done", content = @Content(schema = @Schema(implementation = ActionResult.class)))
    @APIResponse(responseCode = "404", description = "No such dream", content = @Content(mediaType = "application/problem+json"))
    public ActionResult remove(@PathParam("id") String id, RemoveRequest body, @Context HttpHeaders headers) {
        return act(id, "remove", body == null ? null : body.reason(), headers);
    }

    private ActionResult act(String id, String action, String reason, HttpHeaders headers) {
        ReportResource.refuseCrossSite(headers);
        DreamId dreamId = DreamId.parse(id);
        return new ActionResult(dreamId.toString(), queues.act(dreamId, action, identity.getPrincipal().getName(), reason));
    }

    /** Not signed in: 401 in words (the form login would answer a redirect to its page). */
    @ServerExceptionMapper(UnauthorizedException.class)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problem(401, "Sign in first", "The moderation API needs a moderator's session: sign in at"
                + " /moderation/login (POST /j_security_check with j_username and j_password) and send its cookie.", uri);
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Moderators only", "Only moderators may use the moderation API.", uri);
    }

    private static Response problem(int status, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.TYPE)
                .entity(Problem.of(status, title, detail, uri.getRequestUri().getRawPath())).build();
    }
}
