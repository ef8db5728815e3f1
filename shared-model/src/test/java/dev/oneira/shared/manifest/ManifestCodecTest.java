package dev.oneira.shared.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oneira.shared.event.FailureCode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.Presets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static final DreamId ID = DreamId.parse("01a21725-6773-7a0c-8bb4-22fa82f7780e");
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final DreamManifest QUEUED = DreamManifest.queued(ID, Presets.CLASSIC.spec(), 1024, 768, CREATED,
            Visibility.PUBLIC, OwnerTokens.hash("secret"));

    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void roundTripsAManifestThroughItsLife() {
        DreamManifest dreaming = QUEUED.dreaming(QUEUED.spec().withSeed(99), "worker-1", CREATED.plusSeconds(2));
        DreamManifest done = dreaming.done(dreaming.spec(), 1024, 768, CREATED.plusSeconds(60), 58_000, "worker-1");
        DreamManifest failed = dreaming.failed(new DreamError("The object store is down.",
                FailureCode.STORAGE_UNAVAILABLE, true), CREATED.plusSeconds(30));

        for (DreamManifest m : new DreamManifest[] {QUEUED, dreaming, done, failed, done.withVisibility(Visibility.HIDDEN)}) {
            assertThat(ManifestCodec.decode(ManifestCodec.encode(m))).isEqualTo(m);
            assertThat(ManifestCodec.decode(ManifestCodec.toJson(m))).isEqualTo(m);
        }
        assertThat(done.status()).isEqualTo(DreamStatus.DONE);
        assertThat(done.spec().seed()).isEqualTo(99L);
        assertThat(done.startedAt()).isEqualTo(CREATED.plusSeconds(2));
        assertThat(failed.error().code()).isEqualTo(FailureCode.STORAGE_UNAVAILABLE);
        assertThat(failed.status().isFinal()).isTrue();
    }

    @Test
    void writesSchemaVersionFirstAndTheFieldsByName() throws Exception {
        JsonNode json = plain.readTree(ManifestCodec.encode(QUEUED));

        assertThat(json.fieldNames().next()).isEqualTo("schemaVersion");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("id").asText()).isEqualTo(ID.toString());
        assertThat(json.get("status").asText()).isEqualTo("QUEUED");
        assertThat(json.get("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.get("spec").get("layers").get(0).get("layer").asText()).isEqualTo("mixed3");
        assertThat(json.get("visibility").asText()).isEqualTo("PUBLIC");
        assertThat(json.get("ownerTokenHash").asText()).startsWith("sha256:");
    }

    @Test
    void toleratesUnknownFieldsAndOldManifestsWithoutVisibility() throws Exception {
        ObjectNode json = (ObjectNode) plain.readTree(ManifestCodec.encode(QUEUED.withVisibility(Visibility.HIDDEN)));
        json.put("likes", 12);
        json.remove("visibility");

        DreamManifest read = ManifestCodec.decode(plain.writeValueAsBytes(json));

        assertThat(read.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(read.withVisibility(Visibility.HIDDEN)).isEqualTo(QUEUED.withVisibility(Visibility.HIDDEN));
    }

    @Test
    void rejectsANewerSchemaVersionAndMissingEssentials() {
        String newer = ManifestCodec.toJson(QUEUED).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 3");
        assertThatThrownBy(() -> ManifestCodec.decode(newer))
                .isInstanceOf(ManifestDecodingException.class)
                .hasMessage("manifest schemaVersion must be between 1 and 1 (was 3; written by a newer version of Oneira)");

        assertThatThrownBy(() -> ManifestCodec.decode("{\"schemaVersion\":1,\"status\":\"DONE\"}"))
                .isInstanceOf(ManifestDecodingException.class)
                .hasMessageStartingWith("manifest is malformed: a manifest needs id, status, spec and createdAt");

        assertThatThrownBy(() -> ManifestCodec.decode("{oops"))
                .isInstanceOf(ManifestDecodingException.class)
                .hasMessageStartingWith("manifest is not valid JSON");
    }

    @Test
    void withCopiesChangeOnlyTheirField() {
        DreamManifest changed = QUEUED.withStatus(DreamStatus.FAILED)
                .withError(new DreamError("cancelled by owner", FailureCode.CANCELLED, false))
                .withOwnerTokenHash(null)
                .withSpec(QUEUED.spec().withSeed(5));

        assertThat(changed.id()).isEqualTo(QUEUED.id());
        assertThat(changed.createdAt()).isEqualTo(QUEUED.createdAt());
        assertThat(changed.originalWidth()).isEqualTo(1024);
        assertThat(changed.status()).isEqualTo(DreamStatus.FAILED);
        assertThat(changed.ownerTokenHash()).isNull();
        assertThat(changed.spec().seed()).isEqualTo(5L);
    }

    @Test
    void aHeldDreamKeepsItsScreeningThroughApprovalDreamingAndDone() {
        Screening screening = Screening.of(new NsfwScores(0.0, 0.2, 0.1, 0.6, 0.1), null, 0.7, CREATED.plusSeconds(1));
        EngineIdentity engine = new EngineIdentity("0f".repeat(32), "1.0.0");
        DreamId source = DreamId.parse("01a21725-6773-7a0c-8bb4-22fa82f77800");
        DreamManifest remix = DreamManifest.queued(ID, Presets.CLASSIC.spec(), 640, 480, CREATED, Visibility.PUBLIC,
                OwnerTokens.hash("secret"), source);

        DreamManifest held = remix.held(screening);
        DreamManifest approved = held.approved(new Approval("mod-ana", CREATED.plusSeconds(9)));
        DreamManifest done = approved.dreaming(approved.spec().withSeed(3), "worker-1", CREATED.plusSeconds(10))
                .withEngine(engine).done(approved.spec().withSeed(3), 640, 480, CREATED.plusSeconds(20), 9_000, "worker-1");

        assertThat(held.status()).isEqualTo(DreamStatus.HELD);
        assertThat(held.status().isFinal()).isFalse();
        assertThat(approved.status()).isEqualTo(DreamStatus.QUEUED);
        assertThat(done.screening()).isEqualTo(screening);
        assertThat(done.approval().moderator()).isEqualTo("mod-ana");
        assertThat(done.engine()).isEqualTo(engine);
        assertThat(done.remixOf()).isEqualTo(source);
        for (DreamManifest m : new DreamManifest[] {held, approved, done}) {
            assertThat(ManifestCodec.decode(ManifestCodec.toJson(m))).isEqualTo(m);
        }
        assertThat(ManifestCodec.toJson(QUEUED)).doesNotContain("screening", "approval", "engine", "remixOf");
        assertThatThrownBy(() -> QUEUED.held(Screening.of(screening.original(), null, 0.99, CREATED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held");
    }
}
