package dev.oneira.gallery.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.oneira.gallery.DreamService;
import dev.oneira.gallery.RateLimiter;
import dev.oneira.gallery.image.DecodeBudget;
import dev.oneira.gallery.image.UploadRejected;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.spec.InvalidSpecException;
import dev.oneira.store.ObjectStoreException;
import dev.oneira.store.ObjectStoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gallery's metrics. Names as Prometheus shows them:
 * <ul>
 * <li>{@code oneira_gallery_uploads_total}: uploads accepted (stored and queued);</li>
 * <li>{@code oneira_gallery_uploads_refused_total{reason}}: uploads refused once they reached the upload
 * service, by a reason from a short fixed list ({@link #reason(Throwable)});</li>
 * <li>{@code oneira_gallery_sse_clients}: open server-sent-event streams (progress pages);</li>
 * <li>{@code oneira_gallery_queued_dreams}: dreams this gallery knows as QUEUED (not yet taken by a worker).</li>
 * </ul>
 */
@ApplicationScoped
public class GalleryMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final AtomicInteger sseClients = new AtomicInteger();

    @Inject
    public GalleryMetrics(MeterRegistry registry, DreamIndex index) {
        this.registry = registry;
        this.accepted = Counter.builder("oneira.gallery.uploads")
                .description("Uploads accepted: stored and queued for a worker").register(registry);
        Gauge.builder("oneira.gallery.sse.clients", sseClients, AtomicInteger::get)
                .description("Open server-sent-event streams").register(registry);
        Gauge.builder("oneira.gallery.queued.dreams", index, i -> i.count(DreamStatus.QUEUED))
                .description("Dreams waiting for a worker (status QUEUED in this gallery's index)").register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void refused(Throwable e) {
        Counter.builder("oneira.gallery.uploads.refused").tag("reason", reason(e))
                .description("Uploads refused, by reason").register(registry).increment();
    }

    public void streamOpened() {
        sseClients.incrementAndGet();
    }

    public void streamClosed() {
        sseClients.decrementAndGet();
    }

    /** Few values on purpose (each is a time series): what an operator acts on differently. */
    static String reason(Throwable e) {
        if (e instanceof RateLimiter.RateLimited) {
            return "rate-limited";
        }
        if (e instanceof DreamService.QueueUnavailable) {
            return "broker-unavailable";
        }
        if (e instanceof DecodeBudget.Exhausted) {
            return "busy";
        }
        if (e instanceof ObjectStoreUnavailableException) {
            return "store-unavailable";
        }
        if (e instanceof ObjectStoreException) {
            return "store-error";
        }
        if (e instanceof InvalidSpecException) {
            return "invalid-settings";
        }
        if (e instanceof UploadRejected r) {
            return switch (r.status()) {
                case 413 -> "too-large";
                case 415 -> "not-an-image";
                case 422 -> "unreadable-image";
                case 403 -> "refused";
                default -> "invalid-form";
            };
        }
        return "other";
    }
}
