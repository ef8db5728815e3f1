package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import dev.oneira.gallery.db.DreamRows;
import dev.oneira.gallery.web.DreamApi;
import dev.oneira.gallery.web.Links;
import dev.oneira.shared.event.DreamHeld;
import dev.oneira.shared.event.EventCodec;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.messaging.Topics;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.LayerWeight;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A dream the worker held for review (issue 12), as the gallery shows it: the worker's DreamHeld on the
 * real broker, projected into PostgreSQL; the dream is not listed, its page says it awaits review
 * (the photo only to its owner, no share card, no share links), the API answers status HELD with the
 * screening, the event stream says "held", and a page open while the dream waits in line turns to
 * "awaiting review" without a reload (headless Chromium). The dreams here are stored as the gallery
 * stores an upload but never requested, so the test worker leaves them alone.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class HeldDreamTest {

    /** What the classifier might say of a photo held for review: porn + hentai + sexy = 0.81. */
    private static final NsfwScores SCORES = new NsfwScores(0.04, 0.03, 0.15, 0.62, 0.16);

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;
    @Inject
    DreamRows rows;
    @TestHTTPResource("/")
    URI base;

    private static WebDriver driver;

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** An upload as the gallery stores it (photo, QUEUED manifest, row), with this owner token. */
    private DreamManifest queued(String ownerToken) {
        DreamId id = DreamId.next();
        DreamSpec spec = DreamSpec.builder().layers(List.of(LayerWeight.of("mixed3", 1))).octaveFrom(0).octaveTo(0)
                .stepsPerOctave(2).tileSize(128).maxSide(96).seed(5L).build();
        store.put(ObjectKeys.original(id), TestPhotos.png(96, 72), "image/png");
        DreamManifest queued = DreamManifest.queued(id, spec, 96, 72, Instant.now(), Visibility.PUBLIC,
                OwnerTokens.hash(ownerToken));
        store.put(ObjectKeys.manifest(id), ManifestCodec.encode(queued), "application/json");
        rows.putManifest(queued);
        return queued;
    }

    /** The worker's DreamHeld, on dream-events. */
    private void held(DreamId id) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, parts.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            DreamHeld event = DreamHeld.of(id, Screening.of(SCORES, null, 0.5, Instant.now()));
            producer.send(new ProducerRecord<>(Topics.DREAM_EVENTS, id.toString(), EventCodec.toJson(event)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitHeld(String id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/dreams/" + id).then().statusCode(200).body("status", equalTo("HELD")));
    }

    @Test
    void aHeldDreamIsUnlistedAwaitsReviewWithoutShareCardAndTheApiShowsItsScreening() throws Exception {
        String token = OwnerTokens.newToken();
        String id = queued(token).id().toString();
        held(DreamId.parse(id));
        awaitHeld(id);

        given().get("/api/dreams/" + id).then().statusCode(200)
                .body("screening.held", equalTo(true))
                .body("screening.threshold", equalTo(0.5f))
                .body("screening.original.drawing", equalTo(0.04f))
                .body("screening.original.hentai", equalTo(0.03f))
                .body("screening.original.neutral", equalTo(0.15f))
                .body("screening.original.porn", equalTo(0.62f))
                .body("screening.original.sexy", equalTo(0.16f));
        assertThat(given().get("/q/openapi").asString()).as("the schema of GET /api/dreams/{id}")
                .contains("HELD", "screening:", "Screening:", "NsfwScores:", "threshold:", "held:", "porn:");
        assertThat(given().get("/api/dreams?limit=100").asString()).doesNotContain(id);
        assertThat(given().get("/").asString()).doesNotContain(id);

        String stranger = given().get("/d/" + id).then().statusCode(200).extract().asString();
        assertThat(stranger).contains("This dream awaits review", "Awaiting review | Oneira",
                "<meta name=\"robots\" content=\"noindex\">");
        assertThat(stranger).doesNotContain("og:image", "og:title", "twitter:image", "id=\"share-url\"",
                Links.original(id), "Only you see your photo");
        String owner = given().cookie(DreamApi.OWNER_COOKIE, token).get("/d/" + id).then().statusCode(200)
                .extract().asString();
        assertThat(owner).contains("This dream awaits review", "id=\"held-original\"", Links.original(id),
                "Only you see your photo").doesNotContain("og:image");
        // the photo itself: to its owner, kept by no cache on the way; to anyone else as if there were none
        given().cookie(DreamApi.OWNER_COOKIE, token).get(Links.original(id)).then().statusCode(200)
                .header("Cache-Control", "private, no-store");
        given().get(Links.original(id)).then().statusCode(404);
        given().cookie(DreamApi.OWNER_COOKIE, OwnerTokens.newToken()).get(Links.original(id)).then().statusCode(404);

        // The stream says "held" and stays open: an approved dream is dreamt after all.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/dreams/" + id + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && !line.startsWith("data:"); line = in.readLine()) {
                    lines.add(line.replace(" ", ""));
                }
            }
        });
        assertThat(lines).contains("event:held");
    }

    @Test
    void aPageOpenWhileTheDreamWaitsInLineSaysAwaitingReviewWithoutAReload() throws Exception {
        DreamManifest queued = queued(OwnerTokens.newToken());
        String id = queued.id().toString();
        driver = HeadlessChromium.start(900);
        driver.get(base.resolve("/d/" + id).toString());
        assertThat(driver.findElement(By.id("held")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("live")).isDisplayed()).isTrue();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.oneiraSamePage = true;");

        held(queued.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> driver.findElement(By.id("held")).isDisplayed());
        assertThat(driver.findElement(By.id("live")).isDisplayed()).as("the photo is no longer shown").isFalse();
        assertThat(driver.findElement(By.id("dream-title")).getText()).isEqualTo("Awaiting review");
        assertThat(driver.getTitle()).isEqualTo("Awaiting review | Oneira");
        assertThat(js.executeScript("return window.oneiraSamePage === true;")).as("not reloaded").isEqualTo(true);
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                HeadlessChromium.SHOTS.resolve("held-01-awaiting-review.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
