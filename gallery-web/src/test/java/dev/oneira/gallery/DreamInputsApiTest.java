package dev.oneira.gallery;

import static dev.oneira.gallery.DreamApiTest.awaitStatus;
import static dev.oneira.gallery.DreamApiTest.expectProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.ManifestCodec;
import dev.oneira.shared.spec.DreamSpec;
import dev.oneira.shared.spec.Strength;
import dev.oneira.shared.store.ObjectKeys;
import dev.oneira.store.ObjectStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 8's parts and fields through the JSON API, against the real broker, S3Proxy and worker: a
 * guide image and a mask are stored next to the original (the mask as grey at the photo's size,
 * whatever size it came in), the spec's guide and mask flags follow the parts, another upload can
 * use them again (guideFrom, maskFrom), the new spec fields are taken and shown, and every bad part
 * or field is refused with nothing stored or queued.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class DreamInputsApiTest {

    @GalleryTestResources.Inject
    GalleryTestResources parts;
    @Inject
    ObjectStore store;

    @Test
    void aGuideImageAndAMaskOfAnotherSizeAreStoredWithTheDreamAndDreamt() throws Exception {
        Response created = Uploads.form(TestPhotos.png(160, 120), "photo.png", "image/png", Uploads.TINY)
                .multiPart("guide", "flowers.jpg", TestPhotos.jpeg(300, 300), "image/jpeg")
                .multiPart("mask", "mask.png", halves(40, 40), "image/png")
                .post("/api/dreams");
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        String token = created.jsonPath().getString("ownerToken");

        // the flags follow the parts; both pictures are stored before the manifest says QUEUED
        DreamManifest queued = ManifestCodec.decode(store.get(ObjectKeys.manifest(id)).orElseThrow());
        assertThat(queued.spec().guide()).isTrue();
        assertThat(queued.spec().mask()).isTrue();
        BufferedImage guide = read(store.get(ObjectKeys.guide(id)).orElseThrow());
        assertThat(Math.max(guide.getWidth(), guide.getHeight())).as("normalised to maxSide 96").isEqualTo(96);
        BufferedImage mask = read(store.get(ObjectKeys.mask(id)).orElseThrow());
        assertThat(mask.getWidth()).as("stretched to the normalised photo").isEqualTo(96);
        assertThat(mask.getHeight()).isEqualTo(72);
        assertThat(mask.getColorModel().getNumComponents()).as("grey").isEqualTo(1);
        assertThat(mask.getColorModel().getPixelSize()).as("8-bit").isEqualTo(8);
        assertThat(mask.getRaster().getSample(5, 36, 0)).as("left half: keep").isEqualTo(0);
        assertThat(mask.getRaster().getSample(90, 36, 0)).as("right half: dream").isEqualTo(255);

        JsonPath done = awaitStatus(id, "DONE");
        assertThat(done.getBoolean("spec.guide")).isTrue();
        assertThat(done.getBoolean("spec.mask")).isTrue();
        assertThat(done.getString("links.guide")).isEqualTo("/media/guides/" + id + ".png");
        assertThat(done.getString("links.mask")).isEqualTo("/media/masks/" + id + ".png");
        given().get(done.getString("links.guide")).then().statusCode(200).contentType("image/png");
        given().get(done.getString("links.mask")).then().statusCode(200).contentType("image/png");

        // dreamt again with another photo: both pictures used again, fitted to the new photo
        Map<String, String> again = new HashMap<>(Uploads.TINY);
        again.put("guideFrom", id);
        again.put("maskFrom", id);
        String second = Uploads.post(TestPhotos.png(120, 160), "portrait.png", "image/png", again).then()
                .statusCode(201).extract().jsonPath().getString("id");
        DreamManifest reused = ManifestCodec.decode(store.get(ObjectKeys.manifest(second)).orElseThrow());
        assertThat(reused.spec().guide()).isTrue();
        assertThat(reused.spec().mask()).isTrue();
        BufferedImage secondMask = read(store.get(ObjectKeys.mask(second)).orElseThrow());
        assertThat(secondMask.getWidth()).isEqualTo(72);
        assertThat(secondMask.getHeight()).isEqualTo(96);
        assertThat(secondMask.getRaster().getSample(5, 48, 0)).isEqualTo(0);
        assertThat(secondMask.getRaster().getSample(66, 48, 0)).isEqualTo(255);
        assertThat(store.get(ObjectKeys.guide(second))).isPresent();
        awaitStatus(second, "DONE");

        // deleted with the dream; the other dream keeps its own copies
        given().header("X-Owner-Token", token).delete("/api/dreams/" + id).then().statusCode(204);
        assertThat(store.exists(ObjectKeys.guide(id))).isFalse();
        assertThat(store.exists(ObjectKeys.mask(id))).isFalse();
        assertThat(store.exists(ObjectKeys.guide(second))).isTrue();
        assertThat(store.exists(ObjectKeys.mask(second))).isTrue();
    }

    @Test
    void theNewSpecFieldsAreTakenAndShown() {
        Map<String, String> fields = new HashMap<>(Uploads.TINY);
        fields.remove("stepsPerOctave");
        fields.putAll(Map.of("detail", "tutorial", "colors", "original", "gradient", "laplacian", "strength", "3",
                "layers", "mixed4/97:1,mixed3:0.5"));
        String id = Uploads.post(TestPhotos.png(160, 120), "photo.png", "image/png", fields).then().statusCode(201)
                .extract().jsonPath().getString("id");

        JsonPath dream = given().get("/api/dreams/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(dream.getString("spec.detail")).isEqualTo("tutorial");
        assertThat(dream.getString("spec.colors")).isEqualTo("original");
        assertThat(dream.getString("spec.gradient")).isEqualTo("laplacian");
        assertThat(dream.getInt("spec.strength")).isEqualTo(3);
        assertThat(dream.getInt("spec.stepsPerOctave")).as("strength 3 of the default steps")
                .isEqualTo(Strength.steps(DreamSpec.DEFAULT_STEPS_PER_OCTAVE, 3))
                .isLessThan(DreamSpec.DEFAULT_STEPS_PER_OCTAVE);
        assertThat(dream.getString("spec.layers[0].layer")).isEqualTo("mixed4");
        assertThat(dream.getInt("spec.layers[0].channel")).isEqualTo(97);
        assertThat(dream.getBoolean("spec.guide")).isFalse();
        assertThat(dream.getMap("links")).doesNotContainKeys("guide", "mask");
    }

    @Test
    void badGuidesMasksAndFieldsAreRefusedAndLeaveNothingBehind() throws Exception {
        int originals = store.list(ObjectKeys.ORIGINALS).size();
        int guides = store.list(ObjectKeys.GUIDES).size();
        int masks = store.list(ObjectKeys.MASKS).size();
        int manifests = store.list(ObjectKeys.MANIFESTS).size();
        long requests = Uploads.requestsSent(parts.bootstrapServers());

        expectProblem(photo().multiPart("mask", "mask.png", "not a picture at all\n".repeat(20).getBytes(), "image/png")
                .post("/api/dreams"), 415, "Not an image we can read", "Mask (part \"mask\")");
        expectProblem(photo().multiPart("guide", "big.jpg", new byte[2_500_000], "image/jpeg").post("/api/dreams"),
                413, "File too large", "Guide image (part \"guide\")");
        expectProblem(photo().multiPart("guide", "bomb.png", TestPhotos.pngHeaderOnly(100_000, 100_000), "image/png")
                .post("/api/dreams"), 422, "Image too large", "Guide image (part \"guide\")");
        expectProblem(photo().multiPart("mask", "bomb.png", TestPhotos.pngHeaderOnly(100_000, 100_000), "image/png")
                .post("/api/dreams"), 422, "Image too large", "Mask (part \"mask\")");
        // a guide image and a mask of good size, but the settings are wrong: nothing of them is kept either
        Response flags = photo().multiPart("guide", "g.png", TestPhotos.png(50, 50), "image/png")
                .multiPart("mask", "false").multiPart("detail", "blurry").multiPart("strength", "11")
                .post("/api/dreams");
        expectProblem(flags, 400, "Invalid dream settings", "detail must be one of preserve, tutorial");
        assertThat(flags.jsonPath().getList("errors.field")).contains("detail", "strength");
        Response promised = photo().multiPart("guide", "true").multiPart("mask", "true").post("/api/dreams");
        expectProblem(promised, 400, "Invalid dream settings", "multipart part \"guide\"");
        assertThat(promised.jsonPath().getList("errors.field")).containsExactlyInAnyOrder("guide", "mask");
        expectProblem(photo().multiPart("guideFrom", DreamId.next().toString()).post("/api/dreams"), 400,
                "Nothing to use again", "has no guide image");
        expectProblem(photo().multiPart("maskFrom", "../../etc/passwd").post("/api/dreams"), 400,
                "Invalid dream settings", "maskFrom must be the id of a dream");
        Response channel = Uploads.post(TestPhotos.png(50, 50), "p.png", "image/png", Map.of("layers", "mixed4/900:1"));
        expectProblem(channel, 400, "Invalid dream settings", "767");
        assertThat(channel.jsonPath().getList("errors.field")).contains("layers");

        assertThat(store.list(ObjectKeys.ORIGINALS)).hasSize(originals);
        assertThat(store.list(ObjectKeys.GUIDES)).hasSize(guides);
        assertThat(store.list(ObjectKeys.MASKS)).hasSize(masks);
        assertThat(store.list(ObjectKeys.MANIFESTS)).hasSize(manifests);
        assertThat(Uploads.requestsSent(parts.bootstrapServers())).isEqualTo(requests);
    }

    @Test
    void theOpenApiDocumentDescribesTheGuideAndMaskPartsAndTheNewFields() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> properties = doc.getMap(
                "paths.'/api/dreams'.post.requestBody.content.'multipart/form-data'.schema.properties");
        assertThat(properties).containsKeys("image", "guide", "mask", "detail", "colors", "gradient", "strength",
                "layers");
        assertThat(doc.getString("paths.'/api/dreams'.post.description")).contains("guide").contains("mask");
    }

    private static RequestSpecification photo() {
        return Uploads.form(TestPhotos.png(160, 120), "photo.png", "image/png", Uploads.TINY);
    }

    /** Left half black (keep), right half white (dream). */
    private static byte[] halves(int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return TestPhotos.encode(mask, "png");
    }

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}
