package dev.oneira.gallery.web;

import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;

/**
 * An animation's MP4 with HTTP range requests (RFC 9110 section 14): browsers fetch a video in pieces
 * to start playing early and to seek, and Safari plays nothing that is not answered 206. The pieces
 * are streamed from the object store, never the whole video held in memory. The same rules as
 * {@link Media}: only dreams that exist, cached for a day, no sniffing.
 */
@Path("/media/videos")
public class VideoMedia {

    static final String MP4_TYPE = "video/mp4";
    private static final Pattern MP4 = Pattern.compile("([0-9a-f-]{36})\\.mp4");

    @Inject
    ObjectStore store;
    @Inject
    MediaAccess access;

    @GET
    @Path("{name}")
    @Operation(summary = "An animation's video (H.264 MP4); answers Range requests (206, or 416 with the size); "
            + "?download=1 to save it")
    @APIResponse(responseCode = "200", description = "the whole video")
    @APIResponse(responseCode = "206", description = "the range asked for (Content-Range)")
    @APIResponse(responseCode = "416", description = "the range lies outside the video (Content-Range: bytes */size)")
    public Response video(@PathParam("name") String name, @HeaderParam("Range") String range,
                          @QueryParam("download") String download) {
        DreamId id = DreamId.parse(Media.match(MP4, name).group(1));
        MediaAccess.Audience audience = access.require(id);
        String key = ObjectKeys.video(id);
        long size = store.size(key).orElseThrow(NotFoundException::new);
        ByteRange r = ByteRange.of(range, size);
        if (r.kind() == ByteRange.Kind.UNSATISFIABLE) {
            return MediaAccess.cached(Response.status(416), audience).header("Accept-Ranges", "bytes")
                    .header("Content-Range", r.contentRange()).type(Problem.TYPE)
                    .entity(Problem.of(416, "Range not satisfiable", "The video has " + size + " bytes; ask for a"
                            + " range inside bytes 0-" + Math.max(0, size - 1) + " (for example Range: bytes=0-).",
                            "/media/videos/" + name)).build();
        }
        Response.ResponseBuilder answer = headers(Response.status(r.kind() == ByteRange.Kind.PART ? 206 : 200), r,
                id, download, audience);
        if (r.length() == 0) {
            return answer.entity(new byte[0]).build();
        }
        InputStream in = store.openRange(key, r.first(), r.last()).orElseThrow(NotFoundException::new);
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return answer.entity(body).build();
    }

    /** The headers alone (players ask for the size first); nothing is read from the store but the size. */
    @HEAD
    @Path("{name}")
    @Operation(hidden = true)
    public Response videoHead(@PathParam("name") String name, @QueryParam("download") String download) {
        DreamId id = DreamId.parse(Media.match(MP4, name).group(1));
        MediaAccess.Audience audience = access.require(id);
        long size = store.size(ObjectKeys.video(id)).orElseThrow(NotFoundException::new);
        return headers(Response.ok(), ByteRange.of(null, size), id, download, audience).build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder r, ByteRange range, DreamId id,
                                                    String download, MediaAccess.Audience audience) {
        r = MediaAccess.cached(r, audience).type(MP4_TYPE).header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, range.length());
        if (range.kind() == ByteRange.Kind.PART) {
            r.header("Content-Range", range.contentRange());
        }
        if (download != null) {
            r.header("Content-Disposition", "attachment; filename=\"oneira-" + id + ".mp4\"");
        }
        return r;
    }
}
