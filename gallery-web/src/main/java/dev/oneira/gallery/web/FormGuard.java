package dev.oneira.gallery.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.qute.Template;

/**
 * The HTML forms' second guard beside the signed CSRF token: a browser posting a form from another
 * site is refused (as the API refuses it, {@link CrossSite}), and a refused token gets a page that
 * says what to do instead of the CSRF filter's bare 400.
 */
public class FormGuard {

    @Inject
    Template error;

    /** Before the CSRF filter reads the body: a cross-site post is refused whatever it carries. */
    @ServerRequestFilter(preMatching = true)
    public Response refuseCrossSiteForms(ContainerRequestContext request) {
        if (!isFormPost(request)) {
            return null;
        }
        if (CrossSite.isCrossSite(request.getHeaderString("Sec-Fetch-Site"), request.getHeaderString("Origin"),
                request.getHeaderString("Host"))) {
            return page(Problem.of(403, "Form from another site refused", "This form was sent from another web"
                    + " site. Only forms on this site's own pages are accepted: open the page here and send it"
                    + " from there.", request.getUriInfo().getRequestUri().getRawPath()));
        }
        return null;
    }

    /** The CSRF filter answers a bad or missing token with an empty 400: make it a page that says what to do. */
    @ServerResponseFilter
    public void explainRefusedToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (isFormPost(request) && response.getStatus() == 400 && !response.hasEntity()) {
            Problem problem = Problem.of(403, "Form expired", "The form could not be accepted: it was open for"
                    + " too long, or it did not come from this site's page (its security token is missing or"
                    + " not ours). Go back, reload the page and send the form again.",
                    request.getUriInfo().getRequestUri().getRawPath());
            response.setStatus(403);
            response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
            response.setEntity(error.data("problem", problem).render(), null,
                    MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private Response page(Problem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("problem", problem).render()).build();
    }

    /** The forms: POSTs outside the JSON API (which has its own guard in {@link ApiUploadRoute}). */
    private static boolean isFormPost(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return "POST".equals(request.getMethod()) && !path.startsWith("/api/");
    }
}
