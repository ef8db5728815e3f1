package dev.oneira.engine.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.oneira.shared.manifest.EngineIdentity;

/**
 * Which network and which engine make a dream (issue 15: exact reproduction). {@code modelSha256} is
 * the SHA-256 over the model files a {@link TfjsModel} reads (topology and every weight shard, each
 * file's own SHA-256 listed by name, sorted), so any change of weights or wiring gives another value;
 * the engine version comes from the build ({@code engine-build.properties}, written by dream-engine's
 * pom: project version, plus the git commit when the build had one), never from the code.
 */
public final class EngineFingerprint {

    /** The classpath resource the build writes (dream-engine/pom.xml, antrun "engine-version"). */
    static final String BUILD_PROPERTIES = "/dev/oneira/engine/engine-build.properties";

    private EngineFingerprint() {
    }

    /** Reads the model's files once more through a recorder and digests what was read. */
    public static EngineIdentity of(ModelFiles files) {
        Recording recording = new Recording(files);
        TfjsModel.read(recording, null);
        return new EngineIdentity(recording.digest(), engineVersion());
    }

    /** E.g. "0.1.0-SNAPSHOT+5596ba3"; "unknown" when the engine was not built by its pom. */
    public static String engineVersion() {
        Properties p = new Properties();
        try (InputStream in = EngineFingerprint.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES + ": " + e.getMessage(), e);
        }
        String version = p.getProperty("version", "unknown").trim();
        String commit = p.getProperty("commit", "").trim();
        // Ant leaves an unset property as its own ${...} text: no git at build time.
        return commit.isEmpty() || commit.startsWith("${") ? version : version + "+" + commit;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The files as {@code delegate} gives them, each one's SHA-256 noted by name as it is read. */
    private static final class Recording extends ModelFiles {
        private final ModelFiles delegate;
        private final Map<String, String> read = new TreeMap<>();

        Recording(ModelFiles delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream openOrNull(String name) {
            try (InputStream in = delegate.openOrNull(name)) {
                if (in == null) {
                    return null;
                }
                byte[] bytes = in.readAllBytes();
                read.put(name, sha256(bytes));
                return new ByteArrayInputStream(bytes);
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read model file " + name + " from " + describe() + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        String remedy() {
            return delegate.remedy();
        }

        String digest() {
            StringBuilder list = new StringBuilder();
            read.forEach((name, sha) -> list.append(name).append(' ').append(sha).append('\n'));
            return sha256(list.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
