package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the gallery tells Prometheus on /q/metrics: uploads taken, uploads refused by reason, open progress
 * streams, dreams waiting in the queue. Real broker, real S3 over HTTP, the gallery as deployed.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class GalleryMetricsTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    DreamIndex index;

    @Test
    void acceptedUploadsAndRefusedOnesByReasonAreCounted() {
        double accepted = metric("oneira_gallery_uploads_total");
        double notAnImage = metric("oneira_gallery_uploads_refused_total{reason=\"not-an-image\"}");

        Uploads.tiny().then().statusCode(201);
        Uploads.post("not a photo".getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain", Uploads.TINY)
                .then().statusCode(415);

        assertThat(metric("oneira_gallery_uploads_total")).isEqualTo(accepted + 1);
        assertThat(metric("oneira_gallery_uploads_refused_total{reason=\"not-an-image\"}")).isEqualTo(notAnImage + 1);
    }

    @Test
    void anOpenProgressStreamIsAClientAndAQueuedDreamIsInTheQueueDepth() throws Exception {
        // a dream the gallery knows as QUEUED that no worker was asked for: its stream stays open
        DreamId id = DreamId.next();
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(1).tileSize(128).maxSide(96).seed(3L).build();
        // dreams of earlier tests taken by the worker first, so the count is ours alone
        await().atMost(Duration.ofSeconds(60)).until(() -> index.count(DreamStatus.QUEUED) == 0);
        double clients = metric("oneira_gallery_sse_clients");
        index.put(DreamManifest.queued(id, spec, 96, 72, Instant.now(), Visibility.PUBLIC, "hash"));
        try {
            assertThat(metric("oneira_gallery_queued_dreams")).isEqualTo(1);
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/api/dreams/" + id + "/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("oneira_gallery_sse_clients") == clients + 1);
            stream.body().close();
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("oneira_gallery_sse_clients") == clients);
        } finally {
            index.remove(id);
        }
        assertThat(metric("oneira_gallery_queued_dreams")).isEqualTo(0);
    }

    /** A sample's value from /q/metrics (0 when the series does not exist yet). */
    static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
