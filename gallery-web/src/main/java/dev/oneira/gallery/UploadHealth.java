package dev.oneira.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * Whether uploads can be taken, as a status: DOWN while the message broker is known to be
 * unreachable. In its own health group ({@code /q/health/group/uploads}) so that an alert can
 * watch it without readiness taking the whole gallery out of service (see {@link UploadReadiness}).
 */
@HealthGroup(UploadHealth.GROUP)
@ApplicationScoped
public class UploadHealth implements HealthCheck {

    public static final String GROUP = "uploads";
    static final String NAME = "gallery-uploads";

    private final DreamService service;

    public UploadHealth(DreamService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        RequestSender sender = service.sender();
        return describe(sender).status(sender.isAvailable()).build();
    }

    /** The check's name and its data, for this check and readiness alike. */
    static HealthCheckResponseBuilder describe(RequestSender sender) {
        boolean up = sender.isAvailable();
        return HealthCheckResponse.named(NAME)
                .withData("uploads", up ? "taken" : "refused: the message broker is unreachable, retry in "
                        + sender.retryAfter().toSeconds() + " s");
    }
}
