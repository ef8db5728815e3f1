package dev.oneira.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether uploads can be taken: DOWN while the message broker is known to be unreachable (uploads
 * are then refused at once with 503 and Retry-After). Part of readiness on purpose, so that an
 * operator and a load balancer see it; the pages themselves still answer meanwhile.
 */
@Readiness
@ApplicationScoped
public class UploadReadiness implements HealthCheck {

    private final DreamService service;

    public UploadReadiness(DreamService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        RequestSender sender = service.sender();
        boolean up = sender.isAvailable();
        return HealthCheckResponse.named("gallery-uploads")
                .status(up)
                .withData("uploads", up ? "taken" : "refused: the message broker is unreachable, retry in "
                        + sender.retryAfter().toSeconds() + " s")
                .build();
    }
}
