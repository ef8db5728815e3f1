package dev.oneira.gallery.web;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.GalleryConfig;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.metrics.GalleryMetrics;
import dev.oneira.gallery.social.ClientIds;
import dev.oneira.gallery.social.GalleryListing;
import dev.oneira.gallery.social.Likes;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamStatus;
import io.smallrye.mutiny.Multi;

/**
 * The JSON API for reading. Creating ({@code POST /api/dreams}) and deleting
 * ({@code DELETE /api/dreams/{id}}) are served by {@link ApiUploadRoute}, outside the forms' CSRF filter.
 */
@Path("/api/dreams")
@Tag(name = "dreams")
public class DreamApi {

    public static final String OWNER_COOKIE = "oneira-owner";
    public static final String OWNER_HEADER = "X-Owner-Token";

    @Inject
    DreamIndex index;
    @Inject
    DreamService service;
    @Inject
    GalleryConfig config;
    @Inject
    Sse sse;
    @Inject
    GalleryMetrics metrics;
    @Inject
    GalleryListing listing;
    @Inject
    Likes likes;

    public record PageView(List<DreamView> dreams, String next, String nextUrl) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public dreams, newest (default) or most popular first; pass the answer's next as cursor"
            + " for the next page", description = "sort=popular orders by likes with time decay (each like halves"
            + " in weight per day: score = (likes + 1) * 2^(-age / 24 h)). Keyset pages: dreams added meanwhile"
            + " neither repeat nor push others off a page. A cursor carries its order, so sort may be left out"
            + " with one. An unknown sort or a cursor not made here is a 400 problem.")
    public PageView list(@Parameter(description = "newest (default) or popular") @QueryParam("sort") String sort,
                         @Parameter(description = "the next of the previous page") @QueryParam("cursor") String cursor,
                         @QueryParam("limit") Integer limit, @CookieParam(ClientIds.COOKIE) String client) {
        int size = limit == null ? config.pageSize() : Math.max(1, Math.min(100, limit));
        GalleryListing.GalleryPage page = listing.page(sort, cursor, size);
        Set<DreamId> liked = likes.likedAmong(client, page.dreams().stream().map(e -> e.manifest().id()).toList());
        String next = page.next();
        return new PageView(page.dreams().stream().map(e -> DreamView.of(e, index)
                .withLikedByYou(liked.contains(e.manifest().id()))).toList(), next,
                next == null ? null : "/api/dreams?sort=" + page.sort().wireName() + "&cursor=" + next
                        + (limit == null ? "" : "&limit=" + size));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One dream: status (HELD: awaiting review), spec (an animation's in spec.animation), progress"
            + " (with frame and frameCount for an animation), links (original, dream, thumbnails; guide and mask when the"
            + " dream has them; video, previewLoop and poster for a finished animation), likes and likedByYou (this"
            + " browser's like), screening (the worker's classification before dreaming: five probabilities for the"
            + " original and the guide image, the threshold, held)")
    public DreamView get(@PathParam("id") String id, @CookieParam(ClientIds.COOKIE) String client) {
        DreamId dreamId = DreamId.parse(id);
        return DreamView.of(find(dreamId), index).withLikedByYou(likes.likes(client, dreamId));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: state, progress, held (screened and awaiting a moderator's review; the"
            + " stream goes on, as an approved dream is dreamt), completed, failed (data: the dream as JSON)")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id) {
        DreamId dreamId = DreamId.parse(id);
        DreamEntry first = find(dreamId);
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            boolean[] done = {false};
            java.util.function.Consumer<DreamEntry> push = entry -> {
                synchronized (lock) {
                    if (done[0]) {
                        return;
                    }
                    emitter.emit(event(entry));
                    if (entry.manifest().status().isFinal()) {
                        done[0] = true;
                        emitter.complete();
                    }
                }
            };
            AutoCloseable handle = index.watch(dreamId, push);
            metrics.streamOpened();
            emitter.onTermination(() -> {
                metrics.streamClosed();
                try {
                    handle.close();
                } catch (Exception ignored) {
                    // nothing to release
                }
            });
            push.accept(index.get(dreamId).orElse(first));
        });
    }

    private OutboundSseEvent event(DreamEntry entry) {
        DreamStatus status = entry.manifest().status();
        String name = switch (status) {
            case DONE -> "completed";
            case FAILED -> "failed";
            case DREAMING -> entry.progress() == null ? "state" : "progress";
            case QUEUED -> "state";
            case HELD -> "held";
        };
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(DreamView.class, DreamView.of(entry, index)).build();
    }

    private DreamEntry find(DreamId id) {
        return index.get(id).orElseThrow(() -> new DreamService.NotFound(id));
    }
}
