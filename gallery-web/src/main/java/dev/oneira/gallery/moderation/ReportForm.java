package dev.oneira.gallery.moderation;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.shared.id.DreamId;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /d/{id}/report}: the report form on every dream's page (templates/moderation/report-form.html). */
@Path("/d/{id}/report")
public class ReportForm {

    @Inject
    Reports reports;

    /** The report form on a dream's page (CSRF-checked like the page's other forms). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance reportForm(@PathParam("id") String id, @FormParam("reason") String reason,
                                       @FormParam("note") String note, @Context HttpServerRequest request) {
        DreamId dreamId = DreamId.parse(id);
        Reports.Outcome outcome = reports.report(dreamId, ClientAddress.of(request), ReportReason.parse(reason), note);
        return new ModerationPages.ReportThanks(dreamId.toString(), outcome.counted());
    }

}
