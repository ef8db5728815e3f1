package dev.oneira.gallery.social;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.oneira.gallery.web.Problem;
import dev.oneira.gallery.web.ProblemMapper;
import io.quarkus.qute.Template;

/** The HTTP edge of likes and listings: their refusals as problem+json, or as a page for browsers. */
public class SocialProblems {

    @Inject
    Template error;

    static Problem toProblem(RuntimeException e, String path) {
        if (e instanceof Likes.Refused r) {
            return switch (r.reason()) {
                case NOT_PUBLIC -> Problem.of(403, "Dream not public", r.getMessage(), path);
                case NOT_FINISHED -> Problem.of(409, "Dream not finished", r.getMessage(), path);
            };
        }
        InvalidListing listing = (InvalidListing) e;
        return Problem.of(400, listing.title(), listing.getMessage(), path);
    }

    @ServerExceptionMapper({Likes.Refused.class, InvalidListing.class})
    public Response map(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        String path = uri.getRequestUri().getRawPath();
        Problem problem = toProblem(e, path);
        if (ProblemMapper.wantsHtml(path, headers)) {
            return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("problem", problem).render()).build();
        }
        return Response.status(problem.status()).type(Problem.TYPE).entity(problem).build();
    }
}
