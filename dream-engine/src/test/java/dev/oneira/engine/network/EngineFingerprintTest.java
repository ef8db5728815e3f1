package dev.oneira.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.oneira.shared.manifest.EngineIdentity;

/** Which network and engine made a dream (issue 15): the files' digest and the build's version. */
class EngineFingerprintTest {

    static Path classpathFolder;
    static EngineIdentity bundled;

    @BeforeAll
    static void readTheBundledNetwork() throws Exception {
        classpathFolder = Path.of(EngineFingerprintTest.class.getResource("/models/inception_v3/model.min.js").toURI())
                .getParent();
        bundled = EngineFingerprint.of(ModelFiles.fromClasspath());
    }

    @Test
    void theSameFilesGiveTheSameIdentityWhereverTheyAreReadFrom(@TempDir Path dir) throws Exception {
        copyModel(dir);
        assertThat(bundled.modelSha256()).matches("[0-9a-f]{64}");
        assertThat(EngineFingerprint.of(ModelFiles.fromDirectory(dir))).isEqualTo(bundled);
        assertThat(EngineFingerprint.of(ModelFiles.fromClasspath())).isEqualTo(bundled);
    }

    @Test
    void aChangedModelFileGivesAnotherIdentity(@TempDir Path dir) throws Exception {
        copyModel(dir);
        // the topology file with one more line: the same weights, but not the same files
        Files.writeString(dir.resolve(ModelFiles.MODEL_FILE), "\n", StandardOpenOption.APPEND);
        EngineIdentity changed = EngineFingerprint.of(ModelFiles.fromDirectory(dir));
        assertThat(changed.modelSha256()).matches("[0-9a-f]{64}").isNotEqualTo(bundled.modelSha256());
    }

    @Test
    void theEngineVersionComesFromTheBuild() {
        // dream-engine's pom writes it in generate-resources: the project version, and the commit with git
        assertThat(EngineFingerprint.class.getResource(EngineFingerprint.BUILD_PROPERTIES)).isNotNull();
        assertThat(bundled.engineVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?(\\+[0-9a-f]{7,40})?");
    }

    private static void copyModel(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(classpathFolder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
