package dev.oneira.gallery.moderation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.oneira.gallery.web.ClientAddress;
import dev.oneira.shared.id.DreamId;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;

/**
 * The console's pages and forms under /moderation (behind the form login: quarkus.http.auth.* in
 * application.properties); the login page itself is open.
 */
@Path("/moderation")
public class ModerationConsole {

    static final int PAGE = 20;
    /** What the console says after an action: fixed words by code, nothing echoed from the query. */
    private static final Map<String, String> NOTICES = Map.of(
            "released", "Approved: the dream goes back in line to be dreamt.",
            "kept", "Approved: the dream stays in the gallery and its reports are cleared.",
            "restored", "Restored: the dream is in the gallery again.",
            "removed", "Removed: the dream and its images are deleted; the log keeps the entry.");

    @Inject
    SecurityIdentity identity;
    @Inject
    ModerationQueues queues;
    @Inject
    LoginThrottle throttle;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed(ModeratorIdentityProvider.ROLE)
    @Operation(hidden = true)
    public TemplateInstance console(@QueryParam("held") String held, @QueryParam("reported") Integer reported,
                                    @QueryParam("audit") Long audit, @QueryParam("done") String done) {
        ModerationQueues.HeldPage h = queues.held(held, PAGE);
        int reportedPage = reported == null || reported < 0 ? 0 : reported;
        ModerationQueues.ReportedPage r = queues.reported(reportedPage, PAGE);
        ModerationQueues.AuditPage a = queues.audit(audit, 50);
        return new ModerationPages.Console(identity.getPrincipal().getName(), h.dreams(), h.next(), r.dreams(),
                r.page(), r.more(), a.entries(), a.next() == null ? null : a.next().toString(),
                done == null ? null : NOTICES.get(done));
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance login(@QueryParam("error") String error, @Context HttpServerRequest request) {
        Duration wait = throttle.waitLeft(List.of(LoginThrottle.clientKey(ClientAddress.of(request))));
        return new ModerationPages.Login(error != null, wait.isZero() ? null : words(wait));
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout() {
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/moderation/login")).build();
    }

    @POST
    @Path("dreams/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(ModeratorIdentityProvider.ROLE)
    @Operation(hidden = true)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
                        @FormParam("reason") String reason) {
        String done = queues.act(DreamId.parse(id), action, identity.getPrincipal().getName(), reason);
        return Response.seeOther(URI.create("/moderation?done=" + done)).build();
    }

    static String words(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s < 90 ? s + (s == 1 ? " second" : " seconds") : ((s + 59) / 60) + " minutes";
    }
}
