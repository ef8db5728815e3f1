package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.db.EventProjection;
import dev.oneira.gallery.db.ProjectionConsumer;
import dev.oneira.gallery.index.DreamEntry;
import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.gallery.index.EventFollower;
import dev.oneira.gallery.index.StallPolicy;
import dev.oneira.gallery.web.DreamApi;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The JSON API against a real broker, S3 over HTTP (S3Proxy) and the real dream worker: uploads that
 * are dreamt to the end, bad uploads that leave nothing behind, SSE, paging, deletion, the read model
 * across instances and restarts, and the security headers.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class DreamApiTest {

    static final Duration DREAM_TIMEOUT = Duration.ofSeconds(150);

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;
    @Inject
    DreamService service;
    @Inject
    DreamIndex index;
    @TestHTTPResource("/")
    URI base;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @Test
    void anUploadIsStoredQueuedAndDreamtByTheWorker() {
        Response created = Uploads.tiny();
        created.then().statusCode(201).contentType("application/json")
                .body("status", equalTo("QUEUED"))
                .body("links.page", containsString("/d/"));
        String id = created.jsonPath().getString("id");
        String token = created.jsonPath().getString("ownerToken");
        assertThat(DreamId.isValid(id)).isTrue();
        assertThat(created.getCookie("oneira-owner")).isEqualTo(token);

        DreamManifest queued = ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
        assertThat(queued.ownerTokenHash()).isEqualTo(OwnerTokens.hash(token));
        assertThat(queued.originalWidth()).isEqualTo(96);
        assertThat(store.exists(ObjectKeys.original(id))).isTrue();

        JsonPath done = awaitStatus(id, "DONE");
        assertThat(done.getLong("seed")).isEqualTo(7L);
        assertThat(done.getInt("dream.width")).isEqualTo(96);
        given().get(done.getString("links.dream")).then().statusCode(200).contentType("image/png");
        given().get(done.getString("links.dreamThumb")).then().statusCode(200).contentType("image/jpeg");
        given().get(done.getString("links.dream") + "?download=1").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"));
    }

    @Test
    void serverSentEventsRelayProgressUntilCompleted() throws Exception {
        Map<String, String> fields = new HashMap<>(Uploads.TINY);
        fields.put("stepsPerOctave", "6");
        String id = Uploads.post(TestPhotos.png(160, 120), "p.png", "image/png", fields)
                .then().statusCode(201).extract().jsonPath().getString("id");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(base.resolve("/api/dreams/" + id
                + "/events")).header("Accept", "text/event-stream").timeout(DREAM_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).trim());
                }
            }
        }
        // the stream ends by itself after the final event
        assertThat(events).first().isIn("state", "progress");
        assertThat(events).contains("progress");
        assertThat(events).last().isEqualTo("completed");
    }

    @Test
    void badUploadsGetTheRightStatusAndLeaveNothingBehind() throws Exception {
        int originals = store.list(ObjectKeys.ORIGINALS).size();
        int manifests = store.list(ObjectKeys.MANIFESTS).size();
        long requests = Uploads.requestsSent(parts.bootstrapServers());

        expectProblem(Uploads.post(new byte[0], "empty.jpg", "image/jpeg", Uploads.TINY), 400, "Empty file", "empty");
        expectProblem(Uploads.post("just some text\n".repeat(10).getBytes(), "notes.jpg", "image/jpeg", Uploads.TINY),
                415, "Not an image we can read", "JPEG, PNG, WebP or GIF (first frame)");
        expectProblem(Uploads.post(TestPhotos.pngHeaderOnly(100_000, 100_000), "bomb.png", "image/png", Uploads.TINY),
                422, "Image too large", "100000 x 100000");
        expectProblem(Uploads.post(new byte[2_500_000], "big.jpg", "image/jpeg", Uploads.TINY), 413,
                "File too large", "2.0 MB");
        expectProblem(given().multiPart("image", "huge.jpg", new byte[6_000_000], "image/jpeg").post("/api/dreams"),
                413, "File too large", "photos of up to 2 MB");
        expectProblem(Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png", Map.of("preset", "watercolour")),
                400, "Invalid dream settings", "preset must be one of classic, strokes, textures, noise");
        Response outOfBounds = Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png",
                Map.of("stepsPerOctave", "500", "maxSide", "10"));
        expectProblem(outOfBounds, 400, "Invalid dream settings", "stepsPerOctave");
        assertThat(outOfBounds.jsonPath().getList("errors.field")).contains("stepsPerOctave", "maxSide");
        expectProblem(Uploads.post(null, null, null, Uploads.TINY), 400, "No photo", "image");

        assertThat(store.list(ObjectKeys.ORIGINALS)).hasSize(originals);
        assertThat(store.list(ObjectKeys.MANIFESTS)).hasSize(manifests);
        assertThat(Uploads.requestsSent(parts.bootstrapServers())).isEqualTo(requests);
    }

    @Test
    void unknownDreamsAndBadIdsAreProblems() {
        given().get("/api/dreams/" + DreamId.next()).then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No such dream"));
        given().get("/api/dreams/not-an-id").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("not a dream id"));
    }

    @Test
    void theListIsNewestFirstWithCursorPaging() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().queryParam("cursor", cursor == null ? "" : cursor).get("/api/dreams")
                    .then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("dreams.id");
            assertThat(ids.size()).isLessThanOrEqualTo(4);
            seen.addAll(ids);
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> newestFirst = new ArrayList<>(mine);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsSubsequence(newestFirst);
    }

    @Test
    void onlyTheOwnerCanDelete() {
        Response created = Uploads.tiny();
        String id = created.jsonPath().getString("id");
        String token = created.jsonPath().getString("ownerToken");
        awaitStatus(id, "DONE");

        given().delete("/api/dreams/" + id).then().statusCode(403).contentType("application/problem+json");
        given().header("X-Owner-Token", OwnerTokens.newToken()).delete("/api/dreams/" + id).then().statusCode(403);
        given().cookie("oneira-owner", token).delete("/api/dreams/" + id).then().statusCode(204);

        given().get("/api/dreams/" + id).then().statusCode(404);
        assertThat(store.exists(ObjectKeys.manifest(id))).isFalse();
        assertThat(store.exists(ObjectKeys.original(id))).isFalse();
        assertThat(store.exists(ObjectKeys.dream(id))).isFalse();
        assertThat(store.list(ObjectKeys.previewPrefix(id))).isEmpty();
    }

    @Test
    void onlyTheOwnerCanHideADreamFromTheGalleryAndShowItAgain() {
        Response created = Uploads.tiny();
        String id = created.jsonPath().getString("id");
        String token = created.jsonPath().getString("ownerToken");
        awaitStatus(id, "DONE");
        String hide = "{\"visibility\": \"hidden\"}";

        given().contentType("application/json").body(hide).patch("/api/dreams/" + id).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-Owner-Token", token).contentType("application/json").body("{\"colour\": \"red\"}")
                .patch("/api/dreams/" + id).then().statusCode(400).body("detail", containsString("public or hidden"));
        given().header("X-Owner-Token", token).contentType("application/json").body(hide)
                .patch("/api/dreams/" + id).then().statusCode(204);

        assertThat(ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow()).visibility())
                .isEqualTo(Visibility.HIDDEN);
        assertThat(listedIds()).doesNotContain(id);
        given().get("/api/dreams/" + id).then().statusCode(200).body("visibility", equalTo("hidden"))
                .body("status", equalTo("DONE"));

        given().cookie("oneira-owner", token).contentType("application/json").body("{\"visibility\": \"public\"}")
                .patch("/api/dreams/" + id).then().statusCode(204);
        assertThat(listedIds()).contains(id);
    }

    /** Every id the public list shows, all pages. */
    private static List<String> listedIds() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("cursor", cursor == null ? "" : cursor).get("/api/dreams").then()
                    .statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("dreams.id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        return ids;
    }

    @Test
    void aSecondInstanceSharesTheDatabaseAndTheProjectionGroup() throws Exception {
        // a second gallery instance: its own pool on the same database, its projection in the same consumer
        // group, its own live-event follower
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(dbUser);
        ds.setPassword(dbPassword);
        DreamRows rows = new DreamRows(ds);
        EventProjection projection = new EventProjection(rows, id -> Optional.empty());
        DreamIndex other = new DreamIndex(rows, projection, new StallPolicy(Duration.ofSeconds(30)));
        List<DreamEntry> seenLive = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProjectionConsumer consumer = new ProjectionConsumer(parts.bootstrapServers(), projection, Duration.ofDays(1));
             EventFollower follower = new EventFollower(parts.bootstrapServers(), other)) {
            consumer.start();
            follower.start();
            await().atMost(Duration.ofSeconds(30)).until(follower::isFollowing);
            Response created = Uploads.tiny();
            String id = created.then().statusCode(201).extract().jsonPath().getString("id");
            DreamId dreamId = DreamId.parse(id);
            try (AutoCloseable watch = other.watch(dreamId, seenLive::add)) {
                // the other instance sees the upload at once (one database), and the dream's end live
                assertThat(other.get(dreamId)).isPresent();
                awaitStatus(id, "DONE");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(other.get(dreamId).orElseThrow().manifest().status()).isEqualTo(DreamStatus.DONE);
                    assertThat(seenLive).anySatisfy(e -> assertThat(e.manifest().status()).isEqualTo(DreamStatus.DONE));
                });
            }
            // each event applied once across both instances: every eventId of the dream recorded once
            try (var c = ds.getConnection(); var st = c.prepareStatement(
                    "SELECT count(*), count(DISTINCT event_id) FROM applied_event WHERE dream_id = ?::uuid")) {
                st.setString(1, id);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isPositive().isEqualTo(rs.getInt(2));
                }
            }
            // hidden and deleted through this instance: the other one knows at once, no reconcile to wait for
            String token = created.jsonPath().getString("ownerToken");
            given().header(DreamApi.OWNER_HEADER, token).contentType("application/json")
                    .body("{\"visibility\": \"hidden\"}").patch("/api/dreams/" + id).then().statusCode(204);
            assertThat(other.page(null, 1000).dreams()).noneMatch(e -> e.manifest().id().equals(dreamId));
            given().header(DreamApi.OWNER_HEADER, token).delete("/api/dreams/" + id).then().statusCode(204);
            assertThat(other.get(dreamId)).isEmpty();
        }
    }

    @Test
    void uploadsPerClientAreLimitedWithAClear429() {
        RateLimiter limiter = ClientProxy.unwrap(service).limiter();
        limiter.reconfigure(2, Duration.ofMinutes(10));
        try {
            Uploads.tiny().then().statusCode(201);
            Uploads.tiny().then().statusCode(201);
            Response third = Uploads.tiny();
            expectProblem(third, 429, "Too many uploads", "2 photos in the last 10 minutes");
            assertThat(third.getHeader("Retry-After")).matches("\\d+");
        } finally {
            limiter.reconfigure(1000, Duration.ofMinutes(10));
        }
    }

    @Test
    void formsNeedTheCsrfTokenAndPagesCarryTheSecurityHeaders() {
        given().multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png").multiPart("preset", "classic")
                .post("/dreams").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("reload the page"));
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("name=\"csrf-token\""));
        // a browser posting to the API from another site is refused
        given().header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .multiPart("image", "p.png", TestPhotos.png(50, 50), "image/png").post("/api/dreams")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertThat(doc.getMap("paths")).containsKeys("/api/dreams", "/api/dreams/{id}", "/api/dreams/{id}/events");
        assertThat(doc.getMap("paths.'/api/dreams'")).containsKeys("get", "post");
        assertThat(doc.getMap("paths.'/api/dreams/{id}'")).containsKeys("get", "delete", "patch");
    }

    static JsonPath awaitStatus(String id, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(DREAM_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            last[0] = given().get("/api/dreams/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(last[0].getString("status")).as("dream %s (error: %s)", id, last[0].getString("error.reason"))
                    .isEqualTo(status);
        });
        return last[0];
    }

    static void expectProblem(Response r, int status, String title, String detailPart) {
        r.then().statusCode(status).contentType("application/problem+json")
                .body("title", equalTo(title))
                .body("status", equalTo(status))
                .body("detail", containsString(detailPart));
    }
}
