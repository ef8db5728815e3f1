package dev.oneira.shared.manifest;

/**
 * Which network and engine made a dream (issue 15): {@code modelSha256} is the SHA-256 (lower-case
 * hex) of the weights the engine loaded, {@code engineVersion} the engine's build version. The same
 * identity, spec and seed give the same bytes on CPU.
 */
public record EngineIdentity(String modelSha256, String engineVersion) {

    public EngineIdentity {
        if (modelSha256 == null || !modelSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("modelSha256 is 64 lower-case hex digits, was " + modelSha256);
        }
        if (engineVersion == null || engineVersion.isBlank()) {
            throw new IllegalArgumentException("an engine identity needs the engine version");
        }
    }
}
