package dev.oneira.gallery.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.RateLimiter;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.shared.id.InvalidDreamIdException;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
import io.quarkus.qute.Template;

/** Every error as RFC 9457 problem details for the API and scripts, or as a page for browsers. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    Template error;

    public static Problem toProblem(Throwable e, String path) {
        if (e instanceof UploadRejected r) {
            return Problem.of(r.status(), r.title(), r.detail(), path);
        }
        if (e instanceof InvalidSpecException s) {
            List<Problem.FieldError> errors = s.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
            String detail = String.join("; ", errors.stream().map(Problem.FieldError::message).toList());
            return new Problem("about:blank", "Invalid dream settings", 400, detail, path, errors);
        }
        if (e instanceof InvalidDreamIdException i) {
            return Problem.of(404, "No such dream", i.getMessage(), path);
        }
        if (e instanceof DreamService.NotFound n) {
            return Problem.of(404, "No such dream", n.getMessage(), path);
        }
        if (e instanceof DreamService.QueueUnavailable q) {
            return Problem.of(503, "Dreamers unreachable", "Your photo was received but could not be passed on to"
                    + " the dreamers: the message broker did not answer (" + q.getMessage() + "). Nothing will be"
                    + " dreamt; please try again in a minute. Dream " + q.id() + " is marked as failed.", path);
        }
        if (e instanceof ObjectStoreUnavailableException) {
            return Problem.of(503, "Storage unavailable", "The picture store cannot be reached right now; nothing"
                    + " was saved. Please try again in a minute.", path);
        }
        if (e instanceof ObjectStoreException) {
            return Problem.of(500, "Storage error", "The picture store refused the request; nothing was saved.", path);
        }
        if (e instanceof NotFoundException) {
            return Problem.of(404, "Not found", "There is nothing at " + path + ".", path);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            return Problem.of(status, title, w.getMessage(), path);
        }
        LOG.error("unexpected failure at " + path, e);
        return Problem.of(500, "Something went wrong", "An unexpected error happened on our side; it has been logged.",
                path);
    }

    @ServerExceptionMapper({UploadRejected.class, InvalidSpecException.class, InvalidDreamIdException.class,
            DreamService.NotFound.class, DreamService.QueueUnavailable.class, ObjectStoreException.class,
            NotFoundException.class})
    public Response map(Exception e, UriInfo uri, HttpHeaders headers) {
        String path = uri.getRequestUri().getRawPath();
        Problem problem = toProblem(e, path);
        Response.ResponseBuilder response = Response.status(problem.status());
        if (e instanceof RateLimiter.RateLimited limited) {
            response.header("Retry-After", limited.retryAfterSeconds());
        }
        if (wantsHtml(path, headers)) {
            return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("problem", problem).render()).build();
        }
        return response.type(Problem.TYPE).entity(problem).build();
    }

    static boolean wantsHtml(String path, HttpHeaders headers) {
        if (path.startsWith("/api/") || path.startsWith("/media/")) {
            return false;
        }
        List<MediaType> accept = headers.getAcceptableMediaTypes();
        for (MediaType t : accept) {
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType()) {
                return false;
            }
            if (t.isCompatible(MediaType.TEXT_HTML_TYPE) && !t.isWildcardType()) {
                return true;
            }
        }
        return false;
    }
}
