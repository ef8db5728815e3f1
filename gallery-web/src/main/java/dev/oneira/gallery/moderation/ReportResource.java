package dev.oneira.gallery.moderation;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.gallery.web.CrossSite;
import dev.oneira.shared.id.DreamId;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/dreams/{id}/reports}: reporting a dream from a program (the page's form: {@link ReportForm}).
 * A root path of its own: under {@code /api/dreams} (DreamApi) the sub-path would not be matched.
 */
@Path("/api/dreams/{id}/reports")
public class ReportResource {

    @Inject
    Reports reports;

    /** The JSON body of a report. */
    public record ReportRequest(
            @Schema(description = "sexual, violence, hate, privacy, spam or other", required = true) String reason,
            @Schema(description = "optional words about it, at most 500 characters") String note) {
    }

    /** What a report did. */
    public record ReportResult(
            @Schema(description = "false when this client had reported the dream already: it counts once") boolean counted,
            @Schema(description = "whether reports now hide the dream until a moderator reviews it") boolean hidden) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "moderation")
    @Operation(summary = "Report a dream", description = "One report per client per dream is counted; with"
            + " enough distinct reports the dream is hidden until a moderator reviews it. Rate-limited per client.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReportRequest.class)))
    @APIResponse(responseCode = "201", description = "Counted",
            content = @Content(schema = @Schema(implementation = ReportResult.class)))
    @APIResponse(responseCode = "200", description = "This client reported it already; not counted again",
            content = @Content(schema = @Schema(implementation = ReportResult.class)))
    @APIResponse(responseCode = "400", description = "Unknown reason or text too long",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such dream", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "Too many reports from this client",
            content = @Content(mediaType = "application/problem+json"))
    public Response report(@PathParam("id") String id, ReportRequest body, @Context HttpHeaders headers,
                           @Context HttpServerRequest request) {
        refuseCrossSite(headers);
        if (body == null) {
            throw new ModerationRefused(ModerationRefused.Kind.INVALID, "Missing report", "Send a JSON object with"
                    + " \"reason\" (one of " + ReportReason.allowed() + ") and optionally \"note\".");
        }
        Reports.Outcome outcome = reports.report(DreamId.parse(id), ClientAddress.of(request),
                ReportReason.parse(body.reason()), body.note());
        return Response.status(outcome.counted() ? 201 : 200).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ReportResult(outcome.counted(), outcome.hidden())).build();
    }

    static void refuseCrossSite(HttpHeaders headers) {
        if (CrossSite.isCrossSite(headers.getHeaderString("Sec-Fetch-Site"), headers.getHeaderString("Origin"),
                headers.getHeaderString("Host"))) {
            throw new ModerationRefused(ModerationRefused.Kind.FORBIDDEN, "Cross-site request refused",
                    "This can only be done from this site's own pages or from your own program.");
        }
    }
}
