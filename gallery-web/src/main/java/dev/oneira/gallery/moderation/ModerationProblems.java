package dev.oneira.gallery.moderation;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.oneira.gallery.web.Problem;
import dev.oneira.gallery.web.ProblemMapper;
import io.quarkus.qute.Template;

/** The HTTP edge of moderation: a {@link ModerationRefused} as problem+json (API) or the error page (forms). */
public class ModerationProblems {

    @Inject
    Template error;

    static int status(ModerationRefused.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
        };
    }

    @ServerExceptionMapper(ModerationRefused.class)
    public Response map(ModerationRefused e, UriInfo uri, HttpHeaders headers) {
        String path = uri.getRequestUri().getRawPath();
        Problem problem = Problem.of(status(e.kind()), e.title(), e.detail(), path);
        Response.ResponseBuilder response = Response.status(problem.status());
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (ProblemMapper.wantsHtml(path, headers)) {
            return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("problem", problem).render()).build();
        }
        return response.type(Problem.TYPE).entity(problem).build();
    }
}
