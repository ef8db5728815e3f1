package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.spec.Animation;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Animations through the JSON API and the media routes: the animation fields go in under their own
 * names and come back in the spec, bad values are refused naming the field and its range, the video
 * is served in byte ranges (206, 416) and a finished animation's page is a video share card. The
 * finished animation of the last two is written as a worker leaves one ({@link FinishedAnimations}),
 * so these stay fast; ZoomBrowserTest has the real worker make one.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class AnimationApiTest {

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;
    @TestHTTPResource("/")
    URI base;

    /** A zoom the worker makes in a few seconds: 6 frames of 64 px, one step each. */
    static final Map<String, String> TINY_ZOOM = Map.of("preset", "zoom", "frames", "6", "fps", "12", "zoom",
            "0.95", "rotate", "1.5", "shift", "2,-1", "stepsPerFrame", "1", "blend", "0.25", "maxSide", "64",
            "seed", "5");

    @Test
    void theAnimationFieldsGoInUnderTheirOwnNamesAndComeBackInTheSpec() {
        Map<String, String> fields = new HashMap<>(TINY_ZOOM);
        fields.putAll(Map.of("layers", "mixed3:1", "octaves", "0", "stepsPerOctave", "1", "tileSize", "128"));
        Response created = Uploads.post(TestPhotos.png(120, 90), "p.png", "image/png", fields);
        created.then().statusCode(201);
        JsonPath dream = given().get("/api/dreams/" + created.jsonPath().getString("id")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(dream.getString("spec.preset")).isEqualTo("zoom");
        assertThat(dream.getString("spec.animation.kind")).isEqualTo("zoom");
        assertThat(dream.getInt("spec.animation.frames")).isEqualTo(6);
        assertThat(dream.getInt("spec.animation.fps")).isEqualTo(12);
        assertThat(dream.getDouble("spec.animation.zoom")).isEqualTo(0.95);
        assertThat(dream.getDouble("spec.animation.rotate")).isEqualTo(1.5);
        assertThat(dream.getList("spec.animation.shift", Float.class)).containsExactly(2f, -1f);
        assertThat(dream.getInt("spec.animation.stepsPerFrame")).isEqualTo(1);
        assertThat(dream.getDouble("spec.animation.blend")).isEqualTo(0.25);
        assertThat(dream.getInt("spec.maxSide")).isEqualTo(64);
        assertThat(dream.getMap("links")).as("no video before it is done").doesNotContainKeys("video", "poster");

        // the preset gives the values not sent; a still stays a still
        JsonPath preset = Uploads.post(TestPhotos.png(120, 90), "p.png", "image/png", Map.of("preset", "zoom",
                "maxSide", "64", "frames", "2", "octaves", "0", "stepsPerOctave", "1")).then().statusCode(201)
                .extract().jsonPath();
        JsonPath zoom = given().get(preset.getString("links.self")).then().extract().jsonPath();
        assertThat(zoom.getDouble("spec.animation.zoom")).isEqualTo(Presets.ZOOM.spec().animation().zoom());
        assertThat(zoom.getInt("spec.animation.fps")).isEqualTo(Presets.ZOOM.spec().animation().fps());
        JsonPath still = Uploads.tiny().then().statusCode(201).extract().jsonPath();
        assertThat(given().get(still.getString("links.self")).then().extract().jsonPath().getMap("spec"))
                .doesNotContainKey("animation");

        // none of them needs dreaming: deleted, so the one test worker is soon free for other tests
        for (JsonPath upload : List.of(created.jsonPath(), preset, still)) {
            given().header("X-Owner-Token", upload.getString("ownerToken")).delete(upload.getString("links.self"))
                    .then().statusCode(204);
        }
    }

    @Test
    void badAnimationValuesAreRefusedNamingTheFieldAndTheAllowedRange() throws Exception {
        long sentBefore = Uploads.requestsSent(parts.bootstrapServers());
        Map<String, List<String>> cases = Map.of(
                "frames", List.of("601", Animation.MIN_FRAMES + "", Animation.MAX_FRAMES + ""),
                "fps", List.of("0", Animation.MIN_FPS + "", Animation.MAX_FPS + ""),
                "zoom", List.of("1.5", String.valueOf(Animation.MIN_ZOOM), String.valueOf(Animation.MAX_ZOOM)),
                "rotate", List.of("-11", "-10", "10"),
                "stepsPerFrame", List.of("51", "1", "50"),
                "blend", List.of("2", "0", String.valueOf(Animation.MAX_BLEND)),
                "shift", List.of("sideways", "dx,dy"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Map<String, String> fields = new HashMap<>(TINY_ZOOM);
            fields.put(c.getKey(), c.getValue().get(0));
            Response r = Uploads.post(TestPhotos.png(120, 90), "p.png", "image/png", fields);
            r.then().statusCode(400).contentType("application/problem+json");
            List<Map<String, String>> errors = r.jsonPath().getList("errors");
            assertThat(errors).as("%s=%s", c.getKey(), c.getValue().get(0))
                    .anySatisfy(e -> {
                        assertThat(e.get("field")).isEqualTo(c.getKey());
                        for (String allowed : c.getValue().subList(1, c.getValue().size())) {
                            assertThat(e.get("message")).contains(allowed);
                        }
                    });
        }
        // an animation is never masked, and its frames are at most 2048 px
        Map<String, String> big = new HashMap<>(TINY_ZOOM);
        big.put("maxSide", "3000");
        Uploads.post(TestPhotos.png(120, 90), "p.png", "image/png", big).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("maxSide"));
        Uploads.form(TestPhotos.png(120, 90), "p.png", "image/png", TINY_ZOOM)
                .multiPart("mask", "m.png", TestPhotos.png(120, 90), "image/png").post("/api/dreams")
                .then().statusCode(400).body("detail", containsString("mask"));
        assertThat(Uploads.requestsSent(parts.bootstrapServers())).as("nothing queued").isEqualTo(sentBefore);
    }

    @Test
    void theVideoIsServedInByteRangesAndARangeOutsideItIsAnswered416() throws Exception {
        DreamId id = finishedAnimation();
        byte[] video = new byte[50_000];
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i % 251);
        }
        store.put(ObjectKeys.video(id), video, "video/mp4");
        HttpClient http = HttpClient.newHttpClient();
        URI url = base.resolve("/media/videos/" + id + ".mp4");

        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Content-Length")).hasValue("50000");
        assertThat(whole.body()).isEqualTo(video);

        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/50000");
        assertThat(part.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));

        HttpResponse<byte[]> open = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=49990-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(video, 49_990, 50_000));
        HttpResponse<byte[]> suffix = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=-5").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 49995-49999/50000");

        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=50000-").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */50000");
        assertThat(outside.body()).contains("50000 bytes");

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(url).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("50000");

        given().get("/media/videos/" + id + ".mp4?download=1").then().statusCode(200)
                .header("Content-Disposition", containsString("oneira-" + id + ".mp4"));
        given().get("/media/posters/" + id + ".jpg").then().statusCode(200).contentType("image/jpeg");
        given().get("/media/loops/" + id + ".webp").then().statusCode(200).contentType("image/webp");
        // a dream without a manifest has no public media, whatever the store holds
        DreamId stray = DreamId.next();
        store.put(ObjectKeys.video(stray), video, "video/mp4");
        given().get("/media/videos/" + stray + ".mp4").then().statusCode(404);
        given().get("/media/videos/not-an-id.mp4").then().statusCode(404);
    }

    @Test
    void aFinishedAnimationsPageIsAVideoShareCardAndItsJsonLinksTheVideo() throws Exception {
        DreamId id = finishedAnimation();
        JsonPath json = given().get("/api/dreams/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(json.getString("links.video")).isEqualTo("/media/videos/" + id + ".mp4");
        assertThat(json.getString("links.previewLoop")).isEqualTo("/media/loops/" + id + ".webp");
        assertThat(json.getString("links.poster")).isEqualTo("/media/posters/" + id + ".jpg");

        String page = given().get("/d/" + id).then().statusCode(200).extract().asString();
        String origin = base.toString().replaceAll("/$", "");
        assertThat(page)
                .contains("<meta property=\"og:type\" content=\"video.other\">")
                .contains("<meta property=\"og:video\" content=\"" + origin + "/media/videos/" + id + ".mp4\">")
                .contains("<meta property=\"og:video:type\" content=\"video/mp4\">")
                .contains("<meta property=\"og:video:width\" content=\"64\">")
                .contains("<meta property=\"og:video:height\" content=\"48\">")
                .contains("<meta property=\"og:image\" content=\"" + origin + "/media/posters/" + id + ".jpg\">")
                .contains("<meta property=\"og:image:type\" content=\"image/jpeg\">")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
                .doesNotContain("og:video:secure_url") // plain http here
                .contains("muted loop playsinline", "controls", "poster=\"/media/posters/" + id + ".jpg\"")
                .contains("/media/videos/" + id + ".mp4?download=1");
        // "dream again" carries the animation's settings
        assertThat(page).contains("frames=6", "fps=12", "zoom=0.95", "stepsPerFrame=1", "shift=2%2C-1");
        given().get("/").then().statusCode(200)
                .body(containsString("data-loop=\"/media/loops/" + id + ".webp\""));
    }

    @Test
    void theOpenApiDocumentGivesTheAnimationFieldsWithDreamSpecsBounds() {
        JsonPath api = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        String fields = "paths.'/api/dreams'.post.requestBody.content.'multipart/form-data'.schema.properties.";
        Map<String, double[]> bounds = Map.of(
                "frames", new double[] {Animation.MIN_FRAMES, Animation.MAX_FRAMES},
                "fps", new double[] {Animation.MIN_FPS, Animation.MAX_FPS},
                "zoom", new double[] {Animation.MIN_ZOOM, Animation.MAX_ZOOM},
                "rotate", new double[] {Animation.MIN_ROTATE, Animation.MAX_ROTATE},
                "stepsPerFrame", new double[] {Animation.MIN_STEPS_PER_FRAME, Animation.MAX_STEPS_PER_FRAME},
                "blend", new double[] {Animation.MIN_BLEND, Animation.MAX_BLEND});
        bounds.forEach((field, b) -> {
            assertThat(api.getDouble(fields + field + ".minimum")).as(field).isEqualTo(b[0]);
            assertThat(api.getDouble(fields + field + ".maximum")).as(field).isEqualTo(b[1]);
        });
        assertThat(api.getString(fields + "shift.description")).contains(
                String.valueOf((int) Animation.MIN_SHIFT), String.valueOf((int) Animation.MAX_SHIFT));
        assertThat(api.getString(fields + "maxSide.description")).contains(
                String.valueOf(DreamSpec.MAX_ANIMATION_MAX_SIDE));
    }

    /** A finished 6-frame animation of a 64x49 photo (the video 64x48: H.264 wants even sides). */
    private DreamId finishedAnimation() throws Exception {
        return FinishedAnimations.store(store, 64, 49, 6, 12);
    }
}
