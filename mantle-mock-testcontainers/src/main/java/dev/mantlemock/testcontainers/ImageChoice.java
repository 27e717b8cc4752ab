package dev.mantlemock.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Which image {@code new MantleMockContainer()} runs: one named by {@code -Dmantlemock.image} or
 * {@code MANTLE_MOCK_IMAGE} (CI builds it once with docker/build-local.sh), else the project's Dockerfile,
 * found from the working directory upwards, built with the public base images.
 */
record ImageChoice(Future<String> image) {
    static ImageChoice configured() {
        String named = nonBlank(System.getProperty(MantleMockContainer.IMAGE_PROPERTY));
        if (named == null) {
            named = nonBlank(System.getenv(MantleMockContainer.IMAGE_VARIABLE));
        }
        if (named != null) {
            return new ImageChoice(CompletableFuture.completedFuture(named));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Dockerfile")) && Files.isDirectory(dir.resolve("mock-server"))) {
                return new ImageChoice(MantleMockContainer.dockerfileImage(dir, Map.of()));
            }
        }
        throw new IllegalStateException("No Mantle mock image: name one with -D" + MantleMockContainer.IMAGE_PROPERTY + "=TAG or "
                + MantleMockContainer.IMAGE_VARIABLE + "=TAG (docker build -t mantle-mock:local . in the project), or run"
                + " from inside the project so its Dockerfile is found (docs/container.md)");
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
