package dev.oneira.gallery;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.index.EventFollower;

/**
 * Ready once the index has been built from the manifests: before that the gallery would show an
 * empty page, so a load balancer should not send it visitors yet.
 */
@Readiness
@ApplicationScoped
public class GalleryReadiness implements HealthCheck {

    private final EventFollower follower;
    private final DreamIndex index;

    public GalleryReadiness(EventFollower follower, DreamIndex index) {
        this.follower = follower;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gallery-index")
                .status(follower.isReady())
                .withData("state", follower.isReady() ? "built" : "reading the manifests")
                .withData("dreams", index.size())
                .build();
    }
}
