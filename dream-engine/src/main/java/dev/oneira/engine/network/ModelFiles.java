package dev.oneira.engine.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the files of a TensorFlow.js layers model come from: the classpath (the default: the
 * dream-engine build unpacks nsfwjs@4.4.0's {@code dist/models/inception_v3} there) or a directory.
 *
 * <p>The model consists of {@code model.min.js} (topology and weights manifest) and the weight
 * shards named in the manifest, each either as {@code <path>.min.js} (base64 in a JavaScript
 * wrapper, as nsfwjs ships them) or as the plain binary file {@code <path>} (as the TensorFlow.js
 * converter writes them).
 */
public abstract class ModelFiles {

    /** The classpath folder that dream-engine's build fills with the nsfwjs InceptionV3 files. */
    public static final String DEFAULT_CLASSPATH_FOLDER = "/models/inception_v3/";

    /** Name of the file holding the topology and the weights manifest. */
    public static final String MODEL_FILE = "model.min.js";

    /** The InceptionV3 files from the classpath folder {@value #DEFAULT_CLASSPATH_FOLDER}. */
    public static ModelFiles fromClasspath() {
        return fromClasspath(DEFAULT_CLASSPATH_FOLDER);
    }

    /** The model files from a classpath folder, e.g. {@code "/models/inception_v3/"}. */
    public static ModelFiles fromClasspath(String folder) {
        Objects.requireNonNull(folder, "folder");
        String prefix = (folder.startsWith("/") ? folder : "/" + folder);
        String normalised = prefix.endsWith("/") ? prefix : prefix + "/";
        return new ModelFiles() {
            @Override
            public InputStream openOrNull(String name) {
                return ModelFiles.class.getResourceAsStream(normalised + name);
            }

            @Override
            public String describe() {
                return "the classpath folder " + normalised;
            }

            @Override
            String remedy() {
                return "dream-engine's build unpacks nsfwjs-4.4.0.tgz there (generate-resources phase):"
                        + " build dream-engine with Maven (e.g. `mvn -pl dream-engine package`), or load the"
                        + " files from a directory with ModelFiles.fromDirectory(dir) holding the 7 files of"
                        + " package/dist/models/inception_v3/ from the npm package nsfwjs@4.4.0";
            }
        };
    }

    /** The model files from a directory on disk (e.g. nsfwjs' {@code dist/models/inception_v3}). */
    public static ModelFiles fromDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path dir = directory.toAbsolutePath().normalize();
        return new ModelFiles() {
            @Override
            public InputStream openOrNull(String name) {
                try {
                    return Files.newInputStream(dir.resolve(name));
                } catch (NoSuchFileException e) {
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + dir.resolve(name) + ": " + e.getMessage(), e);
                }
            }

            @Override
            public String describe() {
                return "the directory " + dir;
            }

            @Override
            String remedy() {
                return "put the files of package/dist/models/inception_v3/ from the npm package nsfwjs@4.4.0"
                        + " (`npm pack nsfwjs@4.4.0`, then untar) into " + dir
                        + ", or load the copy on the classpath with ModelFiles.fromClasspath()";
            }
        };
    }

    /** Opens the named file, or returns null when it does not exist. */
    public abstract InputStream openOrNull(String name);

    /** Where the files come from, for messages. */
    public abstract String describe();

    /** What to do when a file is missing, for messages. */
    abstract String remedy();

    /** Reads a whole file; fails with a message naming the file and the remedy when it is missing. */
    byte[] readRequired(String name) {
        try (InputStream in = openOrNull(name)) {
            if (in == null) {
                throw new ModelLoadException("Model file " + name + " not found in " + describe() + ". "
                        + capitalise(remedy()) + ".");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model file " + name + " from " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads a file, or returns null when it does not exist. */
    byte[] readOptional(String name) {
        try (InputStream in = openOrNull(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model file " + name + " from " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String toString() {
        return "ModelFiles(" + describe() + ")";
    }
}
