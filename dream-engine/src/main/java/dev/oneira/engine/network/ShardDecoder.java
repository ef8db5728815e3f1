package dev.oneira.engine.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (dream-engine's pom, phase process-classes): turns the weight shards nsfwjs ships as
 * base64 in JavaScript wrappers ({@code <path>.min.js}) into the plain binary shards ({@code <path>})
 * that {@link ModelFiles} prefers, so that no start of the engine scans and decodes 30 MB of base64
 * text again (measured: 0.4 to 0.8 s of CPU per start; docs/benchmarks.md). The wrapped files stay in
 * target/classes for the tests of the wrapped format and are left out of the jar (the pom's jar
 * plugin excludes them). The bytes are the same; {@link TfjsModel} still checks their SHA-256 at every
 * start. Written by hand because it is a single call of {@link TfjsModel#readShard} per file.
 */
public final class ShardDecoder {

    private static final String WRAPPED = ".min.js";

    private ShardDecoder() {
    }

    /** {@code args[0]}: the folder holding model.min.js and the shards. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ShardDecoder MODEL_FOLDER");
        }
        Path folder = Path.of(args[0]);
        List<Path> wrapped;
        try (Stream<Path> files = Files.list(folder)) {
            wrapped = files.filter(p -> p.getFileName().toString().endsWith(WRAPPED))
                    .filter(p -> !p.getFileName().toString().equals(ModelFiles.MODEL_FILE)).sorted().toList();
        }
        ModelFiles files = ModelFiles.fromDirectory(folder);
        for (Path shard : wrapped) {
            String name = shard.getFileName().toString();
            String path = name.substring(0, name.length() - WRAPPED.length());
            // A binary shard left by an earlier build would be read instead of the wrapped one: replace it.
            Files.deleteIfExists(folder.resolve(path));
            byte[] bytes = TfjsModel.readShard(files, path);
            Path part = folder.resolve(path + ".part");
            Files.write(part, bytes);
            Files.move(part, folder.resolve(path), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
