package dev.oneira.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oneira.shared.id.DreamId;
import dev.oneira.shared.manifest.EngineIdentity;
import dev.oneira.shared.moderation.Approval;
import dev.oneira.shared.moderation.NsfwScores;
import dev.oneira.shared.moderation.Screening;
import dev.oneira.shared.spec.Presets;
import dev.oneira.shared.store.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    static final DreamId ID = DreamId.parse("01a21725-6773-7a0c-8bb4-22fa82f7780e");
    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");
    static final NsfwScores SCORES = new NsfwScores(0.05, 0.1, 0.1, 0.5, 0.25);
    static final EngineIdentity ENGINE = new EngineIdentity("ab".repeat(32), "1.0.0-SNAPSHOT+5596ba3");

    static final List<DreamEvent> ONE_OF_EACH = List.of(
            new DreamRequested("e1", ID, AT, Presets.CLASSIC.spec(), ObjectKeys.original(ID), AT.minusSeconds(5)),
            new DreamStarted("e2", ID, AT, "worker-7", 12345L, 50),
            new DreamProgress("e3", ID, AT, 1, 5, 10, 10, 20, 50, 0.4, 123.5, ObjectKeys.preview(ID, 2), 4200),
            new DreamProgress("e4", ID, AT, 0, 5, 3, 10, 3, 50, 0.06, -1.25, null, 900),
            new DreamCompleted("e5", ID, AT, ObjectKeys.dream(ID), ObjectKeys.originalThumb(ID),
                    ObjectKeys.dreamThumb(ID), 1024, 768, 61_000, "worker-7", 12345L),
            new DreamFailed("e6", ID, AT, "The upload is not an image we can read.", FailureCode.UNDECODABLE_IMAGE,
                    false, null),
            new DreamHeld("e7", ID, AT, Screening.of(SCORES, null, 0.7, AT)),
            new DreamRequested("e8", ID, AT, Presets.CLASSIC.spec(), ObjectKeys.original(ID), AT.minusSeconds(5),
                    new Approval("mod-ana", AT)),
            new DreamStarted("e9", ID, AT, "worker-7", 12345L, 50).withScreening(Screening.of(SCORES, SCORES, 0.9, AT))
                    .withEngine(ENGINE),
            new DreamCompleted("e10", ID, AT, ObjectKeys.dream(ID), ObjectKeys.originalThumb(ID),
                    ObjectKeys.dreamThumb(ID), 1024, 768, 61_000, "worker-7", 12345L).withEngine(ENGINE)
                    .withServiceMs(61_900));

    private final ObjectMapper plain = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @FieldSource("ONE_OF_EACH")
    void roundTripsEveryEventType(DreamEvent event) {
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        assertThat(EventCodec.decode(EventCodec.toJson(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ONE_OF_EACH")
    void writesTypeAndSchemaVersionFirstAndInstantsAsIsoText(DreamEvent event) throws Exception {
        JsonNode json = plain.readTree(EventCodec.encode(event));

        assertThat(json.fieldNames()).toIterable().startsWith("type", "schemaVersion", "eventId", "dreamId", "at");
        assertThat(json.get("type").asText()).isEqualTo(event.getClass().getSimpleName()).isEqualTo(event.type());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("dreamId").asText()).isEqualTo(ID.toString());
        assertThat(json.get("at").asText()).isEqualTo("2026-01-02T03:04:05.123456Z");
    }

    @Test
    void writesTheDocumentedProgressShape() {
        assertThat(EventCodec.toJson(ONE_OF_EACH.get(2))).isEqualTo("{\"type\":\"DreamProgress\",\"schemaVersion\":1,"
                + "\"eventId\":\"e3\",\"dreamId\":\"01a21725-6773-7a0c-8bb4-22fa82f7780e\","
                + "\"at\":\"2026-01-02T03:04:05.123456Z\",\"octave\":1,\"octaveCount\":5,\"step\":10,"
                + "\"stepsPerOctave\":10,\"stepsDone\":20,\"totalSteps\":50,\"fraction\":0.4,\"loss\":123.5,"
                + "\"previewKey\":\"previews/01a21725-6773-7a0c-8bb4-22fa82f7780e/00002.jpg\",\"elapsedMs\":4200}");
    }

    @Test
    void toleratesUnknownFields() throws Exception {
        ObjectNode json = (ObjectNode) plain.readTree(EventCodec.encode(ONE_OF_EACH.get(1)));
        json.put("addedInAFutureVersion", "ignored").putObject("nested").put("x", 1);

        assertThat(EventCodec.decode(plain.writeValueAsBytes(json))).isEqualTo(ONE_OF_EACH.get(1));
    }

    @Test
    void readsAFailureCodeItDoesNotKnowAsInternal() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(5)).replace("UNDECODABLE_IMAGE", "GPU_ON_FIRE");

        assertThat(((DreamFailed) EventCodec.decode(json)).code()).isEqualTo(FailureCode.INTERNAL);
    }

    @Test
    void rejectsAnUnknownTypeListingTheKnownOnes() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"DreamExploded\",\"schemaVersion\":1}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("unknown event type \"DreamExploded\"; expected one of DreamRequested, DreamStarted,"
                        + " DreamProgress, DreamCompleted, DreamFailed, DreamHeld");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":null}", "{\"type\":3}"})
    void rejectsAMissingType(String json) {
        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("event has no \"type\" text field; expected one of DreamRequested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":", "not json", "{\"type\":\"DreamStarted\"} trailing"})
    void rejectsMalformedJson(String json) {
        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("event is not valid JSON: ");
    }

    @Test
    void rejectsEmptyInputAndNonObjects() {
        assertThatThrownBy(() -> EventCodec.decode(new byte[0])).hasMessage("event is empty");
        assertThatThrownBy(() -> EventCodec.decode("[1,2]")).hasMessage("event must be a JSON object (was array)");
        assertThatThrownBy(() -> EventCodec.decode((String) null)).hasMessage("event is missing (null)");
    }

    @Test
    void rejectsASchemaVersionFromTheFuture() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(1)).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("DreamStarted schemaVersion must be between 1 and 1 (was 2; written by a newer version of Oneira)");
    }

    @Test
    void aMissingSchemaVersionCountsAsTheFirst() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(1)).replace("\"schemaVersion\":1,", "");

        assertThat(EventCodec.decode(json)).isEqualTo(ONE_OF_EACH.get(1));
    }

    @Test
    void saysWhichRequiredFieldIsMissing() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(4)).replace("\"resultKey\"", "\"renamedKey\"");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("DreamCompleted is malformed: DreamCompleted.resultKey is missing");
    }

    @Test
    void validatesTheDreamIdWhenDecoding() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(1)).replace(ID.toString(), "../../etc");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("not a dream id: \"../../etc\"")
                .hasMessageContaining("(at dreamId)");
    }

    @Test
    void reportsAWrongValueTypeWithItsPath() {
        String json = EventCodec.toJson(ONE_OF_EACH.get(0))
                .replaceFirst("\"stepsPerOctave\":[0-9]+", "\"stepsPerOctave\":\"ten\"");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("DreamRequested is malformed: ")
                .hasMessageContaining("(at spec.stepsPerOctave)");
    }

    @Test
    void decodesAnExpectedTypeOrSaysWhatCameInstead() {
        byte[] started = EventCodec.encode(ONE_OF_EACH.get(1));

        assertThat(EventCodec.decode(started, DreamStarted.class).worker()).isEqualTo("worker-7");
        assertThatThrownBy(() -> EventCodec.decode(started, DreamRequested.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("expected a DreamRequested event but got DreamStarted");
    }

    @Test
    void isUtf8() {
        DreamFailed failed = DreamFailed.of(ID, "Träume sind Schäume 🌙", FailureCode.INTERNAL, false, "w");

        String text = new String(EventCodec.encode(failed), StandardCharsets.UTF_8);
        assertThat(text).contains("Träume sind Schäume 🌙");
        assertThat(EventCodec.decode(EventCodec.encode(failed))).isEqualTo(failed);
    }

    @Test
    void factoriesGiveEachEventItsOwnIdAndTheCurrentTimeToTheMillisecond() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        DreamStarted a = DreamStarted.of(ID, "w", 1, 10);
        DreamStarted b = DreamStarted.of(ID, "w", 1, 10);

        assertThat(a.eventId()).isNotEqualTo(b.eventId()).hasSize(36);
        assertThat(a.at()).isAfterOrEqualTo(before);
        assertThat(a.at().getNano() % 1_000_000).isZero();
        assertThat(a.schemaVersion()).isEqualTo(DreamEvent.SCHEMA_VERSION);
    }

    @Test
    void progressDerivesItsTotalsFromThePosition() {
        DreamProgress p = DreamProgress.of(ID, 2, 5, 4, 10, 1.5, null, 100);

        assertThat(p.stepsDone()).isEqualTo(24);
        assertThat(p.totalSteps()).isEqualTo(50);
        assertThat(p.fraction()).isEqualTo(0.48);
        assertThat(DreamProgress.of(ID, 4, 5, 10, 10, 1, null, 1).fraction()).isEqualTo(1.0);
    }

    @Test
    void moderationAndEngineFieldsAreLeftOutWhileNullAndOldJsonStillReads() {
        DreamStarted plainStart = new DreamStarted("s1", ID, AT, "worker-7", 1L, 10);
        assertThat(EventCodec.toJson(plainStart)).doesNotContain("screening", "engine");
        assertThat(EventCodec.toJson(ONE_OF_EACH.get(0))).doesNotContain("approval");

        String oldRequest = EventCodec.toJson(ONE_OF_EACH.get(0));
        assertThat(((DreamRequested) EventCodec.decode(oldRequest))
                .approval()).isNull();

        // serviceMs: left out while null (an older worker's event reads, and the queue learns from elapsedMs)
        DreamCompleted plainDone = (DreamCompleted) ONE_OF_EACH.get(4);
        assertThat(EventCodec.toJson(plainDone)).doesNotContain("serviceMs");
        assertThat(plainDone.queueMs()).isEqualTo(61_000);
        DreamCompleted timedDone = (DreamCompleted) ONE_OF_EACH.get(9);
        assertThat(EventCodec.toJson(timedDone)).contains("\"serviceMs\":61900");
        assertThat(timedDone.queueMs()).isEqualTo(61_900);

        DreamHeld held = (DreamHeld) ONE_OF_EACH.get(6);
        assertThat(EventCodec.toJson(held)).contains("\"type\":\"DreamHeld\"", "\"porn\":0.5", "\"held\":true",
                "\"threshold\":0.7");
    }

    @Test
    void anAnimationsEventsCarryFramesAndVideoKeysThroughJson() {
        DreamRequested request = new DreamRequested("a1", ID, AT, Presets.ZOOM.spec().withSeed(5L), ObjectKeys.original(ID),
                AT.minusSeconds(1));
        DreamProgress progress = new DreamProgress("a2", ID, AT, 0, 1, 2, 4, 66, 334, 66 / 334.0, 3.5,
                ObjectKeys.preview(ID, 9), 9000, 4, 72);
        DreamCompleted completed = new DreamCompleted("a3", ID, AT, ObjectKeys.dream(ID), ObjectKeys.originalThumb(ID),
                ObjectKeys.dreamThumb(ID), 512, 340, 90_000, "worker-7", 5L)
                .withVideo(ObjectKeys.video(ID), ObjectKeys.previewLoop(ID), ObjectKeys.poster(ID));

        for (DreamEvent event : List.of(request, progress, completed)) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
        assertThat(EventCodec.toJson(progress)).contains("\"frame\":4,\"frameCount\":72");
        assertThat(EventCodec.toJson(completed)).contains("\"videoKey\":\"videos/" + ID + ".mp4\"",
                "\"previewLoopKey\":\"loops/" + ID + ".webp\"", "\"posterKey\":\"posters/" + ID + ".jpg\"");
        assertThat(completed.hasVideo()).isTrue();
    }

    @Test
    void aStillsEventsLeaveTheAnimationFieldsOutAndOldEventsReadAsStills() {
        DreamCompleted still = (DreamCompleted) ONE_OF_EACH.get(4);

        assertThat(EventCodec.toJson(ONE_OF_EACH.get(3))).doesNotContain("frame");
        assertThat(EventCodec.toJson(still)).doesNotContain("videoKey", "previewLoopKey", "posterKey");
        assertThat(still.hasVideo()).isFalse();
        assertThat(((DreamProgress) EventCodec.decode(EventCodec.toJson(ONE_OF_EACH.get(3)))).frame()).isNull();
    }

    @Test
    void animationProgressDerivesItsFractionOverTheWholeAnimation() {
        DreamProgress p = DreamProgress.ofAnimation(ID, 10, 72, 0, 1, 2, 4, 92, 334, 1.0, null, 1);

        assertThat(p.frame()).isEqualTo(10);
        assertThat(p.frameCount()).isEqualTo(72);
        assertThat(p.fraction()).isEqualTo(92 / 334.0);
        assertThat(DreamProgress.of(ID, 0, 1, 1, 1, 0, null, 0).frame()).isNull();
    }

    @Test
    void aRequestRemembersWhenItWasAskedFor() {
        DreamRequested r = DreamRequested.of(ID, Presets.CLASSIC.spec(), ObjectKeys.original(ID), AT);

        assertThat(r.requestedAt()).isEqualTo(AT);
        assertThat(r.at()).isAfter(AT);
    }
}
