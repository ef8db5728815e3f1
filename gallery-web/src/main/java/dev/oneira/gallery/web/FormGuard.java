package dev.oneira.gallery.web;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.oneira.gallery.GalleryConfig;
import io.quarkus.qute.Template;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTML forms' guards beside quarkus-rest-csrf's double-submit token: a browser posting a form
 * from another site is refused (as the API refuses it, {@link CrossSite}); the token must carry our
 * signature ({@link CsrfSignature}, given only to tokens the gallery generated itself); and a refused
 * token gets a page that says what to do instead of the CSRF filter's bare 400.
 */
public class FormGuard {

    /** Where quarkus-rest-csrf keeps the request's token in the routing context. */
    private static final String TOKEN_KEY = "csrf_token";

    @Inject
    Template error;
    @Inject
    GalleryConfig config;
    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name")
    String csrfCookie;
    @ConfigProperty(name = "quarkus.rest-csrf.cookie-max-age")
    Duration cookieMaxAge;

    private volatile CsrfSignature signature;

    private CsrfSignature signature() {
        if (signature == null) {
            signature = new CsrfSignature(config.csrfKey());
        }
        return signature;
    }

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
        Cookie token = request.getCookies().get(csrfCookie);
        if (token != null) {
            Cookie signed = request.getCookies().get(CsrfSignature.COOKIE);
            if (!signature().verify(token.getValue(), signed == null ? null : signed.getValue())) {
                // not a token we made: forget it, so the next page load hands out a fresh, signed one
                return Response.fromResponse(page(expired(request))).cookie(expire(csrfCookie),
                        expire(CsrfSignature.COOKIE)).build();
            }
        }
        return null; // no token at all: the CSRF filter refuses it (explainRefusedToken)
    }

    /** A page that carries a token the gallery has just made: sign it (and never an older, planted one). */
    @ServerResponseFilter
    public void signNewToken(ContainerRequestContext request, ContainerResponseContext response, RoutingContext ctx) {
        if (!"GET".equals(request.getMethod()) || request.getCookies().containsKey(csrfCookie)) {
            return;
        }
        Object token = ctx.get(TOKEN_KEY);
        if (token instanceof String t && !t.isBlank()) {
            ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(CsrfSignature.COOKIE, signature().sign(t))
                    .setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                    .setMaxAge(cookieMaxAge.toSeconds()));
        }
    }

    private static NewCookie expire(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true).build();
    }

    private static Problem expired(ContainerRequestContext request) {
        return Problem.of(403, "Form expired", "The form could not be accepted: it was open for"
                + " too long, or it did not come from this site's page (its security token is missing or"
                + " not ours). Go back, reload the page and send the form again.",
                request.getUriInfo().getRequestUri().getRawPath());
    }

    /** The CSRF filter answers a bad or missing token with an empty 400: make it a page that says what to do. */
    @ServerResponseFilter
    public void explainRefusedToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (isFormPost(request) && response.getStatus() == 400 && !response.hasEntity()) {
            Problem problem = expired(request);
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
