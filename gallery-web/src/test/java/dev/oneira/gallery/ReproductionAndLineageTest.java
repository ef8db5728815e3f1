package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.index.DreamIndex;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.shared.manifest.DreamStatus;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.manifest.OwnerTokens;
import dev.oneira.shared.manifest.Visibility;
import dev.oneira.shared.spec.DreamSpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Exact reproduction and remix lineage (issue 15), with the real (packaged) worker, broker, S3Proxy and
 * database: a dream dreamt again with its seed (and naming it in remixOf) gives the same bytes, both
 * record the network; the source lists its remixes and its remixes outlive it; remixOf is checked.
 */
@QuarkusTest
@WithTestResource(GalleryTestResources.class)
class ReproductionAndLineageTest {

    @Inject
    DreamIndex index;

    @Test
    void dreamingAgainWithTheSeedGivesTheSameBytesAndTheRemixIsListedAndOutlivesItsSource() {
        byte[] photo = TestPhotos.png(160, 120);
        Map<String, String> noSeed = new HashMap<>(Uploads.TINY);
        noSeed.remove("seed");
        Response first = Uploads.post(photo, "p.png", "image/png", noSeed);
        first.then().statusCode(201);
        String sourceId = first.jsonPath().getString("id");
        String sourceToken = first.jsonPath().getString("ownerToken");
        JsonPath source = DreamApiTest.awaitStatus(sourceId, "DONE");
        String sha = source.getString("modelSha256");
        assertThat(sha).matches("[0-9a-f]{64}");
        assertThat(source.getString("engineVersion")).isNotBlank();
        assertThat(source.getString("remixOf")).isNull();

        Map<String, String> again = new HashMap<>(noSeed);
        again.put("seed", Long.toString(source.getLong("seed")));
        again.put("remixOf", sourceId);
        String remixId = Uploads.post(photo, "p.png", "image/png", again).then().statusCode(201).extract()
                .jsonPath().getString("id");
        JsonPath remix = DreamApiTest.awaitStatus(remixId, "DONE");
        assertThat(remix.getString("modelSha256")).isEqualTo(sha);
        assertThat(remix.getString("remixOf")).isEqualTo(sourceId);
        assertThat(remix.getString("links.remixOf")).isEqualTo("/d/" + sourceId);
        byte[] a = given().get(source.getString("links.dream")).then().statusCode(200).extract().asByteArray();
        byte[] b = given().get(remix.getString("links.dream")).then().statusCode(200).extract().asByteArray();
        assertThat(b).as("the same photo, settings, seed and network").isEqualTo(a);

        // a second remix (not waited for): the source lists both, newest first, a page at a time
        Map<String, String> other = new HashMap<>(Uploads.TINY);
        other.put("remixOf", sourceId);
        String laterId = Uploads.post(photo, "p.png", "image/png", other).then().statusCode(201).extract()
                .jsonPath().getString("id");
        JsonPath firstPage = given().get("/api/dreams/" + sourceId + "/remixes?limit=1").then().statusCode(200)
                .extract().jsonPath();
        assertThat(firstPage.getList("dreams.id")).containsExactly(laterId);
        JsonPath secondPage = given().get(firstPage.getString("nextUrl")).then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getList("dreams.id")).containsExactly(remixId);
        assertThat(secondPage.getString("next")).isNull();

        // the pages: the source shows its remixes and no note (same network); the remix credits the source
        given().get("/d/" + sourceId).then().statusCode(200)
                .body(containsString("id=\"remix-list\""), containsString("/d/" + remixId),
                        containsString("weights " + sha.substring(0, 12)), not(containsString("id=\"network-note\"")));
        given().get("/d/" + remixId).then().statusCode(200)
                .body(containsString("id=\"remixed-from\""), containsString("/media/thumbs/" + sourceId));

        // the source deleted: the remix stays, says so, and still names it
        given().header("X-Owner-Token", sourceToken).delete("/api/dreams/" + sourceId).then().statusCode(204);
        given().get("/d/" + remixId).then().statusCode(200).body(containsString("source removed"));
        assertThat(given().get("/api/dreams/" + remixId).then().statusCode(200).extract().jsonPath()
                .getString("remixOf")).isEqualTo(sourceId);

        // a dream of another network: its page says dreaming it again will not give the same picture
        DreamId otherNetwork = DreamId.next();
        index.put(manifest(otherNetwork, Visibility.PUBLIC, null).withEngine(new EngineIdentity("0".repeat(64), "0.0.1")));
        given().get("/d/" + otherNetwork).then().statusCode(200)
                .body(containsString("id=\"network-note\""), containsString("will not give the same picture"));
    }

    @Test
    void remixOfMustNameADreamTheUploaderCanSee() {
        byte[] photo = TestPhotos.png(64, 48);
        Map<String, String> fields = new HashMap<>(Uploads.TINY);
        fields.put("remixOf", "not-an-id");
        DreamApiTest.expectProblem(Uploads.post(photo, "p.png", "image/png", fields), 400, "Invalid remixOf",
                "remixOf must be the id of a dream");
        fields.put("remixOf", DreamId.next().toString());
        DreamApiTest.expectProblem(Uploads.post(photo, "p.png", "image/png", fields), 400, "Unknown remix source",
                "Name a public dream, or one you uploaded");

        // hidden: only with its owner token (the answer does not tell hidden from missing)
        String token = OwnerTokens.newToken();
        DreamId hidden = DreamId.next();
        index.put(manifest(hidden, Visibility.HIDDEN, OwnerTokens.hash(token)));
        fields.put("remixOf", hidden.toString());
        DreamApiTest.expectProblem(Uploads.post(photo, "p.png", "image/png", fields), 400, "Unknown remix source",
                "not public");
        String mine = Uploads.form(photo, "p.png", "image/png", fields).header("X-Owner-Token", token)
                .post("/api/dreams").then().statusCode(201).extract().jsonPath().getString("id");
        assertThat(given().get("/api/dreams/" + mine).then().extract().jsonPath().getString("remixOf"))
                .isEqualTo(hidden.toString());
        // the hidden source lists its public remix (to whoever has its link)
        assertThat(given().get("/api/dreams/" + hidden + "/remixes").then().statusCode(200).extract().jsonPath()
                .getList("dreams.id")).isEqualTo(List.of(mine));
    }

    /** A finished dream's row with no media: enough for its page and for remixOf checks. */
    private static DreamManifest manifest(DreamId id, Visibility visibility, String ownerHash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DreamManifest(id, DreamStatus.DONE, DreamSpec.defaults().withSeed(1), 64, 48, 64, 48, now, now,
                now, 1000L, "elsewhere", null, visibility, ownerHash);
    }
}
