package dev.mantlemock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixture files the mock answers from, read by the mock-only contracts so a scenario is written
 * down once: the mock serves it, the contract expects it.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** {@code -Dmantlemock.fixtures} (set by the build), else {@code CONTRACT_FIXTURES}, else {@code fixtures}. */
    public static Path dir() {
        String dir = System.getProperty("mantlemock.fixtures");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv().getOrDefault("CONTRACT_FIXTURES", "fixtures");
        }
        return Path.of(dir);
    }

    /** The fixture called {@code name} in {@code file} (a file holds one fixture or an array of them). */
    public static JsonNode named(String file, String name) {
        Path path = dir().resolve(file);
        try {
            JsonNode root = JSON.readTree(Files.readString(path));
            for (JsonNode fixture : root.isArray() ? root : JSON.createArrayNode().add(root)) {
                if (name.equals(fixture.path("name").asText())) {
                    return fixture;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture file " + path, e);
        }
        throw new IllegalArgumentException("no fixture named '" + name + "' in " + path);
    }
}
