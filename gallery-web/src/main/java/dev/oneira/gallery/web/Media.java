package dev.oneira.gallery.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/**
 * A dream's pictures from the object store; keys are built from parsed ids only. Only dreams that
 * exist (have a manifest) are served: an object an upload left behind when it failed (a store that
 * wrote it after the gallery gave up) is never public, even before it is cleaned up. A held or
 * report-hidden dream's only to its owner and moderators ({@link MediaAccess}).
 */
@Path("/media")
public class Media {

    private static final Pattern PNG = Pattern.compile("([0-9a-f-]{36})\\.png");
    private static final Pattern THUMB = Pattern.compile("([0-9a-f-]{36})-(original|dream)\\.jpg");
    private static final Pattern WEBP = Pattern.compile("([0-9a-f-]{36})\\.webp");
    private static final Pattern JPG = Pattern.compile("([0-9a-f-]{36})\\.jpg");
    private static final Pattern PREVIEW = Pattern.compile("(\\d{5})\\.jpg");

    @Inject
    ObjectStore store;
    @Inject
    MediaAccess access;

    @GET
    @Path("originals/{name}")
    @Operation(summary = "The normalised original (PNG); ?download=1 to save it")
    public Response original(@PathParam("name") String name, @QueryParam("download") String download) {
        DreamId id = DreamId.parse(match(PNG, name).group(1));
        return serve(id, ObjectKeys.original(id), "image/png", download != null ? "oneira-" + id + "-original.png"
                : null);
    }

    @GET
    @Path("dreams/{name}")
    @Operation(summary = "The dream (PNG); ?download=1 to save it")
    public Response dream(@PathParam("name") String name, @QueryParam("download") String download) {
        DreamId id = DreamId.parse(match(PNG, name).group(1));
        return serve(id, ObjectKeys.dream(id), "image/png", download != null ? "oneira-" + id + "-dream.png" : null);
    }

    @GET
    @Path("guides/{name}")
    @Operation(summary = "The guide image of a guided dream (PNG, normalised like the original)")
    public Response guide(@PathParam("name") String name) {
        DreamId id = DreamId.parse(match(PNG, name).group(1));
        return serve(id, ObjectKeys.guide(id), "image/png", null);
    }

    @GET
    @Path("masks/{name}")
    @Operation(summary = "The mask of a masked dream (8-bit grey PNG at the original's size: white = dreamt, black = kept)")
    public Response mask(@PathParam("name") String name) {
        DreamId id = DreamId.parse(match(PNG, name).group(1));
        return serve(id, ObjectKeys.mask(id), "image/png", null);
    }

    @GET
    @Path("thumbs/{name}")
    @Operation(summary = "Thumbnails (JPEG): {id}-original.jpg, {id}-dream.jpg")
    public Response thumb(@PathParam("name") String name) {
        Matcher m = match(THUMB, name);
        DreamId id = DreamId.parse(m.group(1));
        return serve(id, m.group(2).equals("original") ? ObjectKeys.originalThumb(id) : ObjectKeys.dreamThumb(id),
                "image/jpeg", null);
    }

    @GET
    @Path("previews/{id}/{name}")
    @Operation(summary = "A progress preview (JPEG)")
    public Response preview(@PathParam("id") String id, @PathParam("name") String name) {
        int n = Integer.parseInt(match(PREVIEW, name).group(1));
        DreamId dreamId = DreamId.parse(id);
        return serve(dreamId, ObjectKeys.preview(dreamId, n), "image/jpeg", null);
    }

    @GET
    @Path("loops/{name}")
    @Operation(summary = "An animation's short looping preview (animated WebP), for gallery cards")
    public Response previewLoop(@PathParam("name") String name) {
        DreamId id = DreamId.parse(match(WEBP, name).group(1));
        return serve(id, ObjectKeys.previewLoop(id), "image/webp", null);
    }

    @GET
    @Path("posters/{name}")
    @Operation(summary = "An animation's poster frame (JPEG at the video's size)")
    public Response poster(@PathParam("name") String name) {
        DreamId id = DreamId.parse(match(JPG, name).group(1));
        return serve(id, ObjectKeys.poster(id), "image/jpeg", null);
    }

    static Matcher match(Pattern p, String name) {
        Matcher m = p.matcher(name);
        if (!m.matches()) {
            throw new NotFoundException();
        }
        return m;
    }

    private Response serve(DreamId id, String key, String type, String attachmentName) {
        MediaAccess.Audience audience = access.require(id);
        byte[] bytes = store.get(key).orElseThrow(NotFoundException::new);
        Response.ResponseBuilder r = MediaAccess.cached(Response.ok(bytes, type), audience);
        if (attachmentName != null) {
            r.header("Content-Disposition", "attachment; filename=\"" + attachmentName + "\"");
        }
        return r.build();
    }
}
