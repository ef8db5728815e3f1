package dev.oneira.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.oneira.gallery.moderation.AuditLog;
import dev.oneira.gallery.moderation.Moderators;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.DreamManifest;
import dev.oneira.store.ManifestStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;

/**
 * The held path end to end with the real parts: the real dream worker with MODERATION_HOLD_THRESHOLD=0 screens
 * every photo and holds it (not dreamt, not listed); a moderator's approval in the API gets it dreamt and listed.
 */
@QuarkusTest
@WithTestResource(HeldPathTest.HoldEverything.class)
class HeldPathTest {

    /** The real broker, store, database and worker, the worker holding everything (threshold 0). */
    public static class HoldEverything extends GalleryTestResources {
        @Override
        protected List<String> workerProperties() {
            List<String> p = new ArrayList<>(super.workerProperties());
            p.add("-Doneira.moderation.hold-threshold=0");
            return p;
        }
    }

    @Inject
    Moderators moderators;
    @Inject
    ManifestStore manifests;
    @Inject
    AuditLog audit;

    @Test
    void aPhotoAboveTheThresholdIsHeldUntilApprovedThenDreamtAndListed() {
        String id = Uploads.tiny().then().statusCode(201).extract().jsonPath().getString("id");
        await().atMost(Duration.ofSeconds(120)).until(() -> "HELD".equals(
                given().get("/api/dreams/" + id).then().extract().jsonPath().getString("status")));
        DreamManifest held = manifests.read(DreamId.parse(id)).orElseThrow();
        assertThat(held.screening()).isNotNull();
        assertThat(held.screening().held()).isTrue();
        assertThat(held.screening().threshold()).isZero();
        assertThat(held.completedAt()).as("not dreamt").isNull();
        assertThat(ModerationApiTest.listed()).doesNotContain(id);

        ModerationApiTest.ensureModerator(moderators, "erin");
        Cookie cookie = ModerationApiTest.session(ModerationApiTest.login("erin", ModerationApiTest.PASSWORD, "127.0.0.1"));
        assertThat(cookie).isNotNull();
        assertThat(given().cookie(cookie).get("/api/moderation/held").then().statusCode(200).extract().jsonPath()
                .getList("dreams.id", String.class)).contains(id);
        given().cookie(cookie).contentType("application/json").post("/api/moderation/dreams/" + id + "/approve")
                .then().statusCode(200).body("result", org.hamcrest.Matchers.equalTo("released"));

        await().atMost(Duration.ofSeconds(180)).until(() -> "DONE".equals(
                given().get("/api/dreams/" + id).then().extract().jsonPath().getString("status")));
        assertThat(ModerationApiTest.listed()).contains(id);
        DreamManifest done = manifests.read(DreamId.parse(id)).orElseThrow();
        assertThat(done.approval().moderator()).isEqualTo("erin");
        given().get("/media/dreams/" + id + ".png").then().statusCode(200);
        assertThat(audit.of(DreamId.parse(id))).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.APPROVE);
    }
}
