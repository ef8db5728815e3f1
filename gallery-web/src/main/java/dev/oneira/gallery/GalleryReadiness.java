package dev.oneira.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.ProjectionConsumer;

/**
 * Ready while the gallery's database answers: every page and API call reads it. The projection's state
 * is shown alongside; a projection that lags (broker down) leaves the gallery serving what it has, so
 * it does not make the gallery unready (uploads have their own health group, {@link UploadHealth}).
 */
@Readiness
@ApplicationScoped
public class GalleryReadiness implements HealthCheck {

    private final DreamRows rows;
    private final ProjectionConsumer projection;

    public GalleryReadiness(DreamRows rows, ProjectionConsumer projection) {
        this.rows = rows;
        this.projection = projection;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = rows.reachable(2);
        String problem = projection.problem();
        var response = HealthCheckResponse.named("gallery-database")
                .status(up)
                .withData("database", up ? "answering" : "not answering within 2 s")
                .withData("projection", problem == null ? "following dream-events" : problem)
                .withData("events applied", projection.appliedCount());
        if (up) {
            response.withData("dreams (estimate)", rows.estimatedCount());
        }
        return response.build();
    }
}
