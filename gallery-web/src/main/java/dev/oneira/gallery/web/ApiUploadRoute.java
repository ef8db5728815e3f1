package dev.oneira.gallery.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.GalleryConfig;
import dev.oneira.gallery.RateLimiter;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.shared.id.DreamId;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/dreams}: multipart with the photo in part {@code image}, optionally a guide image in
 * part {@code guide} and a mask in part {@code mask}, and spec fields by name.
 * A plain Vert.x route, outside the form CSRF filter (which would demand a form token from API
 * clients); browsers are kept from posting here cross-site by the Origin / Sec-Fetch-Site check.
 */
@ApplicationScoped
public class ApiUploadRoute {

    @Inject
    DreamService service;
    @Inject
    GalleryConfig config;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize formAttributeLimit;

    private static final Logger LOG = Logger.getLogger(ApiUploadRoute.class);

    void install(@Observes Router router) {
        router.post("/api/dreams")
                .order(-10)
                .handler(BodyHandler.create(System.getProperty("java.io.tmpdir") + "/oneira-uploads")
                        .setBodyLimit(bodyLimit())
                        .setDeleteUploadedFilesOnEnd(true)
                        .setHandleFileUploads(true))
                .blockingHandler(this::create, false)
                .failureHandler(this::tooLarge);
        router.delete("/api/dreams/:id")
                .order(-10)
                .blockingHandler(this::delete, false);
        router.patch("/api/dreams/:id")
                .order(-10)
                .handler(BodyHandler.create().setBodyLimit(4096))
                .blockingHandler(this::patch, false);
    }

    /**
     * The body handler fails a request itself (a body over its limit, a form field over Vert.x's
     * form-attribute limit, a broken multipart body) with a bare text answer: answer each as a problem too.
     */
    void tooLarge(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        UploadRejected rejected;
        if (ctx.statusCode() == 413 && declaredLength(ctx) > bodyLimit()) {
            rejected = new UploadRejected(413, "File too large", String.format(Locale.ROOT,
                    "The upload is larger than this gallery accepts: photos of up to %.0f MB, and a guide image"
                            + " of up to %.0f MB.", config.maxUploadBytes() / 1e6, config.maxUploadBytes() / 1e6));
        } else if (ctx.statusCode() == 413 || FormLimits.isFieldTooLong(failure)) {
            // a body within the limit refused as too large: one of its fields is over the form-attribute limit
            rejected = FormLimits.fieldTooLong(formAttributeLimit);
        } else {
            // Vert.x may report a field over its limit only as "Streaming aborted" or "Pipe closed", like any
            // broken body.
            LOG.infof("an upload's body could not be read: %s", String.valueOf(failure));
            rejected = FormLimits.unreadable(formAttributeLimit);
        }
        problem(ctx, rejected, "/api/dreams");
    }

    /** The photo and a guide image at their limit, a mask, the fields and multipart framing. */
    private long bodyLimit() {
        return 2 * config.maxUploadBytes() + 1_000_000;
    }

    private static long declaredLength(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.request().getHeader("Content-Length"));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // chunked: only the body limit can have stopped it
        }
    }

    /** PATCH {"visibility": "hidden"|"public"} with the owner token. 204, 400, 403 or 404. */
    void patch(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String path = "/api/dreams/" + id;
        try {
            if (isCrossSiteBrowser(ctx)) {
                throw new UploadRejected(403, "Cross-site request refused", "Dreams can only be changed from this site.");
            }
            JsonNode body;
            try {
                body = json.readTree(ctx.body().asString());
            } catch (IOException | RuntimeException e) {
                body = null;
            }
            JsonNode visibility = body == null ? null : body.get("visibility");
            if (visibility == null || !visibility.isTextual()) {
                throw new UploadRejected(400, "Nothing to change",
                        "Send a JSON object such as {\"visibility\": \"hidden\"} (visibility: public or hidden).");
            }
            DreamId dreamId = DreamId.parse(id);
            if (!service.setVisibility(dreamId, ownerToken(ctx), DreamService.parseVisibility(visibility.textValue()))) {
                throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can change it"
                        + " (from the browser they used, or with the owner token the upload answered).");
            }
            ctx.response().setStatusCode(204).end();
        } catch (Exception e) {
            problem(ctx, e, path);
        }
    }

    /** The owner token: header X-Owner-Token, else cookie oneira-owner. */
    private static String ownerToken(RoutingContext ctx) {
        String token = ctx.request().getHeader(DreamApi.OWNER_HEADER);
        if (token == null || token.isBlank()) {
            Cookie cookie = ctx.request().getCookie(DreamApi.OWNER_COOKIE);
            token = cookie == null ? null : cookie.getValue();
        }
        return token;
    }

    /** DELETE with the owner token: cookie oneira-owner or header X-Owner-Token. 204, 403, or 404. */
    void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String path = "/api/dreams/" + id;
        try {
            if (isCrossSiteBrowser(ctx)) {
                throw new UploadRejected(403, "Cross-site request refused", "Dreams can only be deleted from this site.");
            }
            if (!service.delete(DreamId.parse(id), ownerToken(ctx))) {
                throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can delete it"
                        + " (from the browser they used, or with the owner token the upload answered).");
            }
            ctx.response().setStatusCode(204).end();
        } catch (Exception e) {
            problem(ctx, e, path);
        }
    }

    /** The one way this route answers a failure: problem+json, with Retry-After where waiting helps. */
    private void problem(RoutingContext ctx, Exception e, String path) {
        Problem problem = ProblemMapper.toProblem(e, path);
        ProblemMapper.retryAfterSeconds(e).ifPresent(s -> ctx.response().putHeader("Retry-After", Long.toString(s)));
        try {
            ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (IOException io) {
            ctx.fail(io);
        }
    }

    void create(RoutingContext ctx) {
        String path = "/api/dreams";
        try {
            if (isCrossSiteBrowser(ctx)) {
                throw new UploadRejected(403, "Cross-site upload refused", "Uploads from other web sites are not"
                        + " accepted; use the form on this site or call the API from your own program.");
            }
            List<UploadForm.FilePart> files = new ArrayList<>();
            for (FileUpload f : ctx.fileUploads()) {
                files.add(filePart(f));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            ctx.request().formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
            // the owner token (header, else cookie) also shows remixOf a hidden dream of the caller's (issue 15)
            DreamService.Created created = UploadForm.read(files, fields, service.normalizer())
                    .create(service, ClientAddress.of(ctx.request()), ownerToken(ctx));
            DreamView view = DreamView.of(created.entry(), serviceIndex());
            ctx.response().addCookie(ownerCookie(created.ownerToken()));
            ctx.response().setStatusCode(201)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Location", view.links().get("self"))
                    .end(json.writeValueAsString(UploadForm.createdBody(view, created.ownerToken())));
        } catch (Exception e) {
            problem(ctx, e instanceof IOException
                    ? new UploadRejected(400, "Upload failed", "The upload could not be read; please send it again.")
                    : e, path);
        }
    }

    /** A Vert.x file upload (already on disk) as the upload form reads it. */
    private static UploadForm.FilePart filePart(FileUpload f) {
        return new UploadForm.FilePart() {
            @Override
            public String name() {
                return f.name();
            }

            @Override
            public String fileName() {
                return f.fileName();
            }

            @Override
            public long size() {
                return f.size();
            }

            @Override
            public byte[] read() throws IOException {
                return Files.readAllBytes(Path.of(f.uploadedFileName()));
            }
        };
    }

    private dev.oneira.gallery.index.DreamIndex serviceIndex() {
        return io.quarkus.arc.Arc.container().instance(dev.oneira.gallery.index.DreamIndex.class).get();
    }

    static Cookie ownerCookie(String token) {
        return Cookie.cookie(DreamApi.OWNER_COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600);
    }

    /** A browser posting from another site: it says so (Sec-Fetch-Site) or its Origin is not this host. */
    static boolean isCrossSiteBrowser(RoutingContext ctx) {
        return CrossSite.isCrossSite(ctx.request().getHeader("Sec-Fetch-Site"), ctx.request().getHeader("Origin"),
                ctx.request().getHeader("Host"));
    }
}
