package dev.oneira.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says whether uploads can be taken, as data ({@code uploads: taken} or {@code refused:
 * ...}), but stays UP while the message broker is unreachable: a DOWN readiness would take every
 * gallery replica out of the load balancer, and with it the pages and dreams people can still see.
 * Uploads are refused meanwhile with 503 and Retry-After; {@link UploadHealth} is the check that
 * goes DOWN, for operators and alerts ({@code /q/health/group/uploads}).
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
        return UploadHealth.describe(service.sender()).up().build();
    }
}
