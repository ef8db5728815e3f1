package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.image.DecodeBudget;
import dev.oneira.gallery.image.Huge;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import dev.oneira.store.ObjectStoreConfig;
import dev.oneira.testing.PausableProxy;
import dev.oneira.testing.TestKafka;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Uploads under faults and hostile input, against the real broker, S3Proxy and worker: big photos
 * in parallel, photos cut short, over-long fields, failed uploads and the rate limit, a store that
 * hangs, a broker that is down. Whatever happens, the answer is problem+json with a status that
 * says whose fault it is, and a failed upload leaves nothing public behind.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class UploadFaultsTest {

    /** Small enough for the worker to dream in a moment; 7000 px decode to 512 with subsampling 13. */
    static final Map<String, String> SMALL = Map.of("layers", "mixed3:1", "octaves", "0", "stepsPerOctave", "1",
            "tileSize", "512", "maxSide", "512", "seed", "3");

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;
    @Inject
    DreamService service;
    @TestHTTPResource("/")
    URI base;

    @Test
    void fourParallelUploadsOf49MegapixelPhotosAreAllTaken() throws Exception {
        byte[] huge = Huge.jpeg7000();
        assertThat(huge.length).isLessThan(2_000_000);
        List<Response> answers = parallel(4, () -> Uploads.post(huge, "huge.jpg", "image/jpeg", SMALL));
        for (Response r : answers) {
            r.then().statusCode(201);
            assertThat(r.jsonPath().getInt("dream.original.width")).isEqualTo(512);
        }
    }

    @Test
    void whenTooManyLargePhotosAreDecodedAtOnceTheRestAreToldToRetry() throws Exception {
        DecodeBudget budget = ClientProxy.unwrap(service).normalizer().budget();
        long before = budget.totalBytes();
        // room for one decode at a time, and no waiting for it
        budget.reconfigure(6_000_000, Duration.ZERO);
        try {
            byte[] huge = Huge.jpeg7000();
            List<Response> answers = parallel(4, () -> Uploads.post(huge, "huge.jpg", "image/jpeg", SMALL));
            List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
            assertThat(statuses).containsOnly(201, 503).contains(201, 503);
            for (Response r : answers) {
                if (r.statusCode() == 503) {
                    DreamApiTest.expectProblem(r, 503, "Too busy", "send it again in 5 seconds");
                    assertThat(r.getHeader("Retry-After")).isEqualTo("5");
                }
            }
        } finally {
            budget.reconfigure(before, Duration.ofSeconds(2));
        }
    }

    @Test
    void aJpegCutShortIsRefusedWith422AndNotDreamt() {
        byte[] jpeg = TestPhotos.jpeg(640, 480);
        byte[] cut = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        DreamApiTest.expectProblem(Uploads.post(cut, "cut.jpg", "image/jpeg", Uploads.TINY), 422,
                "Image is cut short", "complete file");
    }

    @Test
    void overLongFormFieldsAreProblemsNamingTheFieldAndTheLimit() {
        Map<String, String> fields = new HashMap<>(Uploads.TINY);
        fields.put("layers", "x".repeat(5000));
        Response api = Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png", fields);
        DreamApiTest.expectProblem(api, 400, "Form field too long", "\"layers\" is 5000 characters long");
        assertThat(api.jsonPath().getString("detail")).contains("at most 1000 characters");

        fields.put("layers", "x".repeat(70_000)); // beyond even what the body decoder takes
        Response beyond = Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png", fields);
        // Vert.x tells this apart from a broken body only some of the time: 413 when it does, else 400
        assertThat(beyond.statusCode()).isIn(400, 413);
        assertThat(beyond.contentType()).isEqualTo("application/problem+json");
        assertThat(beyond.jsonPath().getString("detail")).contains("longer than 64 KB");

        // the form: a page that says the same
        Csrf csrf = Csrf.fromHomePage();
        csrf.form().accept("text/html")
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png")
                .multiPart("layers", "x".repeat(5000))
                .post("/dreams").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("is 5000 characters long"));
        Response tooLong = csrf.form().accept("text/html")
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png")
                .multiPart("layers", "x".repeat(70_000))
                .post("/dreams");
        assertThat(tooLong.statusCode()).isBetween(400, 413);
        assertThat(tooLong.contentType()).contains("text/html");
        assertThat(tooLong.asString()).contains("64 KB");
    }

    @Test
    void badUploadsDoNotCountAgainstTheRateLimit() {
        RateLimiter limiter = ClientProxy.unwrap(service).limiter();
        limiter.reconfigure(2, Duration.ofMinutes(10));
        try {
            for (int i = 0; i < 5; i++) {
                Uploads.post("not a photo\n".repeat(20).getBytes(), "notes.jpg", "image/jpeg", Uploads.TINY)
                        .then().statusCode(415);
                Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png", Map.of("preset", "watercolour"))
                        .then().statusCode(400);
            }
            Uploads.tiny().then().statusCode(201);
            Uploads.tiny().then().statusCode(201);
            Response third = Uploads.tiny();
            DreamApiTest.expectProblem(third, 429, "Too many uploads", "2 photos");
            assertThat(third.getHeader("Retry-After")).matches("\\d+");
        } finally {
            limiter.reconfigure(1000, Duration.ofMinutes(10));
        }
    }

    @Test
    void anUploadWhileTheStoreHangsIsAQuick503AndLeavesNothingPublic() throws Exception {
        DreamService real = ClientProxy.unwrap(service);
        ObjectStore direct = real.uploadStore();
        List<String> originalsBefore = store.list(ObjectKeys.ORIGINALS);
        int manifestsBefore = store.list(ObjectKeys.MANIFESTS).size();
        URI s3 = URI.create(storeEndpoint());
        try (PausableProxy proxy = new PausableProxy(s3.getHost(), s3.getPort());
             ObjectStore throughProxy = ObjectStore.open(storeConfig("http://127.0.0.1:" + proxy.port()))) {
            real.uploadStore = throughProxy.withCallTimeout(Duration.ofSeconds(2));
            proxy.pause(); // as with SIGSTOP: connections accepted, nothing answered
            long start = System.nanoTime();
            Response r = Uploads.tiny();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            DreamApiTest.expectProblem(r, 503, "Storage unavailable", "nothing was saved");
            assertThat(r.getHeader("Retry-After")).matches("\\d+");

            proxy.resume(); // the stalled write now lands after all
            String orphan = await().atMost(Duration.ofSeconds(20)).until(() -> store.list(ObjectKeys.ORIGINALS).stream()
                    .filter(k -> !originalsBefore.contains(k)).findFirst(), java.util.Optional::isPresent).get();
            String id = orphan.replaceAll(".*/([0-9a-f-]{36})\\.png", "$1");
            // not public while it exists, and removed soon after
            given().get("/media/originals/" + id + ".png").then().statusCode(404);
            given().get("/api/dreams/" + id).then().statusCode(404);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(store.exists(orphan)).isFalse();
                assertThat(store.list(ObjectKeys.MANIFESTS)).hasSize(manifestsBefore);
            });
        } finally {
            real.uploadStore = direct;
        }
    }

    @Test
    void whileTheBrokerIsDownUploadsAreRefusedAtOnceAndReadinessSaysSo() throws Exception {
        DreamService real = ClientProxy.unwrap(service);
        RequestSender original = real.sender;
        TestKafka broker = TestKafka.start();
        try (RequestSender sender = new KafkaRequestSender(GalleryBeans.producerProperties(broker.bootstrapServers(),
                Duration.ofSeconds(2)), Duration.ofSeconds(2), Duration.ofSeconds(1))) {
            real.sender = sender;
            given().get("/q/health/ready").then().statusCode(200);
            int originals = store.list(ObjectKeys.ORIGINALS).size();
            int manifests = store.list(ObjectKeys.MANIFESTS).size();

            broker.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> !sender.isAvailable());
            // Readiness tells, but stays UP: the pages and dreams are still served.
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'gallery-uploads' }.data.uploads", containsString("refused"));
            given().get("/q/health/group/uploads").then().statusCode(503)
                    .body("checks.find { it.name == 'gallery-uploads' }.status", equalTo("DOWN"));
            long start = System.nanoTime();
            Response refused = Uploads.tiny();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            DreamApiTest.expectProblem(refused, 503, "Dreamers unreachable", "did not keep yours");
            assertThat(refused.getHeader("Retry-After")).matches("\\d+");
            assertThat(store.list(ObjectKeys.ORIGINALS)).hasSize(originals);
            assertThat(store.list(ObjectKeys.MANIFESTS)).hasSize(manifests);

            broker.restart();
            await().atMost(Duration.ofSeconds(30)).until(sender::isAvailable);
            given().get("/q/health/group/uploads").then().statusCode(200)
                    .body("checks.find { it.name == 'gallery-uploads' }.data.uploads", equalTo("taken"));
        } finally {
            real.sender = original;
            broker.close();
        }
    }

    @Test
    void aBrokerThatDiesDuringAnUploadLeavesNoFailedDreamBehind() throws Exception {
        DreamService real = ClientProxy.unwrap(service);
        RequestSender original = real.sender;
        int manifests = store.list(ObjectKeys.MANIFESTS).size();
        int originals = store.list(ObjectKeys.ORIGINALS).size();
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        // not yet known to be down (the first check takes its time): the send itself fails
        try (RequestSender dead = new KafkaRequestSender(GalleryBeans.producerProperties("127.0.0.1:" + deadPort,
                Duration.ofSeconds(2)), Duration.ofSeconds(2), Duration.ofSeconds(30))) {
            real.sender = dead;
            Response r = Uploads.tiny();
            DreamApiTest.expectProblem(r, 503, "Dreamers unreachable", "did not keep yours");
            assertThat(r.getHeader("Retry-After")).matches("\\d+");
            assertThat(r.asString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(store.list(ObjectKeys.MANIFESTS)).hasSize(manifests);
                assertThat(store.list(ObjectKeys.ORIGINALS)).hasSize(originals);
            });
        } finally {
            real.sender = original;
        }
    }

    private static String storeEndpoint() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("oneira.store.endpoint", String.class);
    }

    private static ObjectStoreConfig storeConfig(String endpoint) {
        return ObjectStoreConfig.compatible(endpoint, GalleryTestResources.BUCKET, GalleryTestResources.ACCESS_KEY,
                GalleryTestResources.SECRET_KEY).withMaxAttempts(1);
    }

    static List<Response> parallel(int n, java.util.function.Supplier<Response> upload) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(upload, pool));
            }
            List<Response> out = new ArrayList<>();
            for (CompletableFuture<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
