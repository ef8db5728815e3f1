package dev.oneira.gallery.web;

import java.util.List;
import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.RateLimiter;
import dev.oneira.gallery.image.DecodeBudget;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.shared.id.InvalidDreamIdException;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
import dev.oneira.gallery.db.DatabaseUnavailableException;
import io.quarkus.qute.Template;
import io.quarkus.runtime.configuration.MemorySize;

/** Every error as RFC 9457 problem details for the API and scripts, or as a page for browsers. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    Template error;
    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize formAttributeLimit;

    /** A store that does not answer usually needs a little while (a restart, a failover). */
    static final long STORE_RETRY_AFTER_SECONDS = 30;

    /** Seconds a client should wait before trying again, for the failures that pass by themselves. */
    public static OptionalLong retryAfterSeconds(Throwable e) {
        if (e instanceof RateLimiter.RateLimited limited) {
            return OptionalLong.of(limited.retryAfterSeconds());
        }
        if (e instanceof DreamService.QueueUnavailable q) {
            return OptionalLong.of(q.retryAfterSeconds());
        }
        if (e instanceof DecodeBudget.Exhausted x) {
            return OptionalLong.of(x.retryAfterSeconds());
        }
        if (e instanceof ObjectStoreUnavailableException || e instanceof DatabaseUnavailableException) {
            return OptionalLong.of(STORE_RETRY_AFTER_SECONDS);
        }
        return OptionalLong.empty();
    }

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
        if (e instanceof DreamService.Hidden h) {
            return Problem.of(404, "Dream hidden", h.getMessage(), path);
        }
        if (e instanceof DreamService.NotFound n) {
            return Problem.of(404, "No such dream", n.getMessage(), path);
        }
        if (e instanceof DreamService.QueueUnavailable q) {
            return Problem.of(503, "Dreamers unreachable", "We cannot pass new photos on to the dreamers right now"
                    + " (our message queue does not answer), so we did not keep yours. Please send it again in "
                    + q.retryAfterSeconds() + " seconds or later.", path);
        }
        if (e instanceof DecodeBudget.Exhausted x) {
            return Problem.of(503, "Too busy", "We are reading too many large photos at once to take yours now;"
                    + " nothing was saved. Please send it again in " + x.retryAfterSeconds() + " seconds.", path);
        }
        if (e instanceof ObjectStoreUnavailableException) {
            LOG.warnf("object store unavailable at %s: %s", path, e.getMessage());
            return Problem.of(503, "Storage unavailable", "The picture store cannot be reached right now; nothing"
                    + " was saved. Please try again in " + STORE_RETRY_AFTER_SECONDS + " seconds or later.", path);
        }
        if (e instanceof DatabaseUnavailableException) {
            LOG.warnf("gallery database unavailable at %s: %s", path, e.getMessage());
            return Problem.of(503, "Gallery unavailable", "The gallery's records cannot be reached right now; nothing"
                    + " was saved. Please try again in " + STORE_RETRY_AFTER_SECONDS + " seconds or later.", path);
        }
        if (e instanceof ObjectStoreException) {
            LOG.errorf("object store refused a request at %s: %s", path, e.getMessage());
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
            DreamService.NotFound.class, DreamService.Hidden.class, DreamService.QueueUnavailable.class,
            ObjectStoreException.class,
            DecodeBudget.Exhausted.class, DatabaseUnavailableException.class, NotFoundException.class})
    public Response map(Exception e, UriInfo uri, HttpHeaders headers) {
        String path = uri.getRequestUri().getRawPath();
        Problem problem = toProblem(e, path);
        Response.ResponseBuilder response = Response.status(problem.status());
        retryAfterSeconds(e).ifPresent(seconds -> response.header("Retry-After", seconds));
        if (wantsHtml(path, headers)) {
            return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("problem", problem).render()).build();
        }
        return response.type(Problem.TYPE).entity(problem).build();
    }

    /**
     * RESTEasy's multipart parser refuses a form field over the form-attribute limit with a bare 413;
     * answer it in words. Every other WebApplicationException keeps its own response.
     */
    @ServerExceptionMapper(WebApplicationException.class)
    public Response mapWebApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        if (e.getResponse().getStatus() != 413) {
            return e.getResponse();
        }
        return map(FormLimits.fieldTooLong(formAttributeLimit), uri, headers);
    }

    public static boolean wantsHtml(String path, HttpHeaders headers) {
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
