package dev.oneira.gallery.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.GalleryConfig;
import dev.oneira.gallery.RemixSource;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.social.ClientIds;
import dev.oneira.gallery.social.GalleryListing;
import dev.oneira.gallery.social.LikeButton;
import dev.oneira.gallery.social.Likes;
import dev.oneira.gallery.moderation.ModerationPages;
import dev.oneira.gallery.moderation.Reports;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.DreamSpecFields;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The server-rendered pages and the forms they post: home (upload + gallery, {@link HomePage}), a
 * dream's page ({@link DreamPage}), the upload form's target and the owner's forms.
 */
@Path("/")
public class Pages {

    @Inject
    DreamIndex dreams;
    @Inject
    DreamService service;
    @Inject
    GalleryConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    GalleryListing listing;
    @Inject
    Likes likes;
    @Inject
    Reports reports;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance home(@QueryParam("cursor") String cursor, @QueryParam("sort") String sort,
                                 @QueryParam("again") String again, @CookieParam(DreamApi.OWNER_COOKIE) String owner,
                                 @Context UriInfo uri, @Context HttpServerRequest request) {
        Map<String, String> prefill = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (DreamSpecFields.KNOWN.contains(k) && !v.isEmpty()) {
                prefill.put(k, v.get(0));
            }
        });
        // "dream again": the form says what is carried over and offers the dream's guide image and mask
        String againId = again == null || !DreamId.isValid(again) ? null : DreamId.parse(again).toString();
        DreamManifest source = againId == null ? null
                : dreams.get(DreamId.parse(againId)).map(DreamEntry::manifest).orElse(null);
        // the new dream is a remix of it (issue 15) when the person may see it
        DreamForm form = new DreamForm(prefill, againId, source == null ? null : source.spec(),
                source != null && RemixSource.visibleTo(source, owner));
        return HomePage.of(form, listing.lenientPage(sort, cursor, config.pageSize()), cursor != null && !cursor.isBlank(),
                String.format(Locale.ROOT, "%.0f", config.maxUploadBytes() / 1e6), baseUrl(request));
    }

    @GET
    @Path("d/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance dreamPage(@PathParam("id") String id, @CookieParam(DreamApi.OWNER_COOKIE) String owner,
                                      @CookieParam(ClientIds.COOKIE) String client,
                                      @QueryParam("remixes") String remixes, @Context HttpServerRequest request) {
        DreamId dreamId = DreamId.parse(id);
        DreamEntry entry = dreams.get(dreamId)
                .orElseThrow(() -> new DreamService.NotFound(dreamId));
        if (reports.hidden(dreamId)) {
            return new ModerationPages.HiddenDream(dreamId.toString()); // no picture, no share card
        }
        DreamId remixesBefore = remixes == null || !DreamId.isValid(remixes) ? null : DreamId.parse(remixes);
        return DreamPage.of(entry, dreams, baseUrl(request), owner, LikeButton.of(entry, likes.likes(client, dreamId)),
                remixesBefore);
    }

    /** The upload form (multipart, CSRF-checked). Answers JSON to scripts, a redirect to the dream's page otherwise. */
    @POST
    @Path("dreams")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(MultipartFormDataInput input, @CookieParam(DreamApi.OWNER_COOKIE) String owner,
                           @Context HttpHeaders headers, @Context HttpServerRequest request) throws IOException {
        List<UploadForm.FilePart> files = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Collection<FormValue>> e : input.getValues().entrySet()) {
            for (FormValue v : e.getValue()) {
                if (v.isFileItem()) {
                    files.add(filePart(e.getKey(), v));
                } else {
                    fields.put(e.getKey(), v.getValue());
                }
            }
        }
        DreamService.Created created = UploadForm.read(files, fields, service.normalizer())
                .create(service, ClientAddress.of(request), owner);
        DreamView view = DreamView.of(created.entry(), dreams);
        NewCookie cookie = new NewCookie.Builder(DreamApi.OWNER_COOKIE).value(created.ownerToken()).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(365 * 24 * 3600).build();
        boolean script = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType());
        if (script) {
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).cookie(cookie)
                    .location(URI.create(view.links().get("self")))
                    .entity(UploadForm.createdBody(view, null)).build();
        }
        return Response.seeOther(URI.create("/d/" + view.id())).cookie(cookie).build();
    }

    /** Deleting from the dream's page without scripts (CSRF-checked form). */
    @POST
    @Path("d/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response deleteForm(@PathParam("id") String id, @CookieParam(DreamApi.OWNER_COOKIE) String owner) {
        DreamId dreamId = DreamId.parse(id);
        if (!service.delete(dreamId, owner)) {
            throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can delete it.");
        }
        return Response.seeOther(URI.create("/")).build();
    }

    /** Hiding the dream from the gallery, or showing it again, from its page (CSRF-checked form). */
    @POST
    @Path("d/{id}/visibility")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response visibilityForm(@PathParam("id") String id, @FormParam("visibility") String visibility,
                                   @CookieParam(DreamApi.OWNER_COOKIE) String owner) {
        DreamId dreamId = DreamId.parse(id);
        if (!service.setVisibility(dreamId, owner, DreamService.parseVisibility(visibility))) {
            throw new UploadRejected(403, "Not your dream", "Only the person who uploaded this dream can hide or show it.");
        }
        return Response.seeOther(URI.create("/d/" + dreamId)).build();
    }

    /** A RESTEasy file value as the upload form reads it. */
    private static UploadForm.FilePart filePart(String name, FormValue v) {
        return new UploadForm.FilePart() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String fileName() {
                return v.getFileName();
            }

            @Override
            public long size() throws IOException {
                return v.getFileItem().getFileSize();
            }

            @Override
            public byte[] read() throws IOException {
                if (!v.getFileItem().isInMemory()) {
                    return Files.readAllBytes(v.getFileItem().getFile());
                }
                try (var in = v.getFileItem().getInputStream()) {
                    return in.readAllBytes();
                }
            }
        };
    }

    /**
     * The absolute base of canonical and share links: the configured public URL, else the address of
     * the socket the request arrived on. Never the Host header: a client chooses that, and it would
     * end up in links that others copy and in share cards that crawlers cache.
     */
    String baseUrl(HttpServerRequest request) {
        String configured = config.publicUrl().filter(s -> !s.isBlank()).orElse(null);
        String base;
        if (configured != null) {
            base = configured;
        } else {
            var local = request.localAddress();
            String host = local.hostAddress().contains(":") ? "[" + local.hostAddress() + "]" : local.hostAddress();
            base = (request.isSSL() ? "https" : "http") + "://" + host + ":" + local.port();
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
