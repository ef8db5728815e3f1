package dev.oneira.engine.network;

import dev.oneira.shared.moderation.NsfwScores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oneira.engine.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole nsfwjs network classifies as nsfwjs does in TensorFlow.js: the same five probabilities
 * within 1e-3 on five pictures (reference: bench/nsfwjs_reference.js, tfjs 4.22.0, CPU backend).
 */
class NsfwClassifierTest {
    private static NsfwClassifier classifier;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws Exception {
        InceptionV3.useThreads(2);
        classifier = NsfwClassifier.load();
        reference = new ObjectMapper().readTree(NsfwClassifierTest.class.getResourceAsStream("/network/nsfwjs_reference.json"));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    /** The pictures the reference was made from; two are also the engine's test photos. */
    private static final Map<String, Path> PICTURES = Map.of(
            "chelsea.png", Path.of("src/test/resources/photos/chelsea.png"),
            "coffee.png", Path.of("src/test/resources/photos/coffee.png"),
            // Eight frames of the zoom's video, scaled down (tfjs: drawing 0.026, neutral 0.971): a
            // dream, where the photos are all near 0 or 1.
            "zoom-frames.png", Path.of("src/test/resources/photos/zoom-frames.png"),
            // Read from the repository (tests run in the module's folder) rather than copied here.
            "astronaut.png", Path.of("../samples/astronaut.png"),
            "chelsea-dream.png", Path.of("../docs/images/chelsea-dream.png"));

    @Test
    void gives_the_probabilities_nsfwjs_gives_in_tensorflow_js() throws Exception {
        assertThat(reference.path("classes").toString()).isEqualTo("[\"Drawing\",\"Hentai\",\"Neutral\",\"Porn\",\"Sexy\"]");
        for (Map.Entry<String, Path> picture : PICTURES.entrySet()) {
            BufferedImage image = ImageFiles.decode(Files.readAllBytes(picture.getValue()), picture.getKey());

            NsfwScores scores = classifier.classify(image);

            JsonNode expected = reference.path("images").path(picture.getKey());
            assertThat(expected.size()).as(picture.getKey() + " in the reference").isEqualTo(5);
            double[] got = {scores.drawing(), scores.hentai(), scores.neutral(), scores.porn(), scores.sexy()};
            for (int i = 0; i < 5; i++) {
                assertThat(got[i]).as(picture.getKey() + " " + NsfwScores.CLASSES.get(i))
                        .isCloseTo(expected.get(i).asDouble(), within(1e-3));
            }
            assertThat(got[0] + got[1] + got[2] + got[3] + got[4]).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void the_whole_network_is_built_with_its_head() {
        // nsfwjs 4.4.0's model.json: 94 Conv2D, 94 BatchNormalization, 3 Dense (256, 128, 5), 2 Dropout.
        assertThat(classifier.layerCounts()).containsEntry("Conv2D", 94).containsEntry("BatchNormalization", 94)
                .containsEntry("Dense", 3).containsEntry("Dropout", 2).containsEntry("Flatten", 1)
                .containsEntry("Concatenate", 15);
        assertThat(classifier.outputShape()).containsExactly(5, 1, 1);
        // InceptionV3 without its top (21,802,784) + dense 2048x256+256, 256x128+128, 128x5+5.
        assertThat(classifier.parameterCount()).isEqualTo(21_802_784L + 524_544 + 32_896 + 645);
    }

    @Test
    void ranks_the_classes_most_probable_first() {
        NsfwScores s = new NsfwScores(0.1, 0.05, 0.6, 0.05, 0.2);

        assertThat(s.ranked()).extracting(Map.Entry::getKey).containsExactly("neutral", "sexy", "drawing", "hentai", "porn");
        assertThat(s.explicit()).isCloseTo(0.3, within(1e-12));
    }
}
