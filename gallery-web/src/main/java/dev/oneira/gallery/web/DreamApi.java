package dev.oneira.gallery.web;

import java.time.Duration;
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
import dev.oneira.gallery.moderation.Reports;
import dev.oneira.gallery.social.ClientIds;
import dev.oneira.gallery.social.GalleryListing;
import dev.oneira.gallery.social.Likes;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The JSON API for reading. Creating ({@code POST /api/dreams}) and deleting
 * ({@code DELETE /api/dreams/{id}}) are served by {@link ApiUploadRoute}, outside the forms' CSRF filter.
 */
@Path("/api/dreams")
@Tag(name = "dreams")
public class DreamApi {

    public static final String OWNER_COOKIE = "oneira-owner";
    public static final String OWNER_HEADER = "X-Owner-Token";
    /** How often a stream sends a dream that is waiting or being dreamt again, with a fresh estimate. */
    static final Duration ESTIMATE_REFRESH = Duration.ofSeconds(5);

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
    @Inject
    Reports reports;

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
            + " original and the guide image, the threshold, held); estimatedStartAt and estimatedCompletionAt while it"
            + " waits or is dreamt; modelSha256 and engineVersion of the network that dreamt it; remixOf, the dream it"
            + " was remixed from")
    public DreamView get(@PathParam("id") String id, @CookieParam(ClientIds.COOKIE) String client) {
        DreamId dreamId = DreamId.parse(id);
        return DreamView.of(find(dreamId), index).withLikedByYou(likes.likes(client, dreamId));
    }

    @GET
    @Path("{id}/remixes")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public remixes of a dream (new dreams that named it in remixOf), newest first; pass"
            + " the answer's next as cursor for older ones")
    public PageView remixes(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                            @QueryParam("limit") Integer limit) {
        DreamId source = DreamId.parse(id);
        find(source);
        DreamId before = cursor == null || cursor.isBlank() ? null : DreamId.parse(cursor);
        int size = limit == null ? config.pageSize() : Math.max(1, Math.min(100, limit));
        DreamIndex.Page page = index.remixes(source, before, size);
        String next = page.next() == null ? null : page.next().toString();
        return new PageView(page.dreams().stream().map(e -> DreamView.of(e, index)).toList(), next,
                next == null ? null : "/api/dreams/" + source + "/remixes?cursor=" + next
                        + (limit == null ? "" : "&limit=" + size));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: state, progress, held (screened and awaiting a moderator's review; the"
            + " stream goes on, as an approved dream is dreamt), completed, failed (data: the dream as JSON); while"
            + " the dream waits or is dreamt, its state again every 5 s with a fresh estimatedStartAt and"
            + " estimatedCompletionAt")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id) {
        DreamId dreamId = DreamId.parse(id);
        DreamEntry first = find(dreamId);
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            boolean[] done = {false};
            DreamEntry[] last = {first};
            java.util.function.Consumer<DreamEntry> push = entry -> {
                synchronized (lock) {
                    if (done[0]) {
                        return;
                    }
                    last[0] = entry;
                    emitter.emit(event(entry));
                    if (entry.manifest().status().isFinal()) {
                        done[0] = true;
                        emitter.complete();
                    }
                }
            };
            AutoCloseable handle = index.watch(dreamId, push);
            // The queue ahead moves without an event of this dream: its estimate is sent again now and then.
            Cancellable ticks = Multi.createFrom().ticks().every(ESTIMATE_REFRESH).subscribe().with(
                    t -> {
                        try {
                            push.accept(last[0]);
                        } catch (RuntimeException e) {
                            // the database is away for a moment: the next tick tries again
                        }
                    });
            metrics.streamOpened();
            emitter.onTermination(() -> {
                ticks.cancel();
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

    /** The dream, unless it does not exist or its reports hide it (as its page does). */
    private DreamEntry find(DreamId id) {
        DreamEntry entry = index.get(id).orElseThrow(() -> new DreamService.NotFound(id));
        if (reports.hidden(id)) {
            throw new DreamService.Hidden(id);
        }
        return entry;
    }
}
