package dev.mantlemock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No prebuilt tag: Testcontainers builds the image from the project's Dockerfile and runs it. The base images
 * are the Dockerfile's public defaults, or the ones {@code MANTLE_MOCK_BUILD_IMAGE} and
 * {@code MANTLE_MOCK_RUNTIME_IMAGE} name (CI, with no registry: docker/build-local.sh's local images).
 */
@ExtendWith(DockerEngine.class)
@Timeout(900)
class ImageFromDockerfileTest {

    @Test
    void withoutATagTheImageIsBuiltFromTheDockerfileAndAnswersTheSdk() {
        // Where a prebuilt image is named (CI: docker/build-local.sh built it from this Dockerfile already) a
        // second build would only repeat the Maven build inside Docker, minutes on a 2-core host.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("MANTLE_MOCK_IMAGE") == null
                || "run".equals(System.getenv("MANTLE_MOCK_DOCKERFILE_TEST")),
                "MANTLE_MOCK_IMAGE names a prebuilt image; MANTLE_MOCK_DOCKERFILE_TEST=run builds from the Dockerfile anyway");
        Map<String, String> args = new LinkedHashMap<>();
        putIfSet(args, "BUILD_IMAGE", System.getenv("MANTLE_MOCK_BUILD_IMAGE"));
        putIfSet(args, "RUNTIME_IMAGE", System.getenv("MANTLE_MOCK_RUNTIME_IMAGE"));
        Path root = Path.of(System.getProperty("mantlemock.projectRoot", ".."));

        try (MantleMockContainer mock = MantleMockContainer.fromDockerfile(root, args)) {
            mock.start();
            Message message = MantleMockContainerTest.sigV4(mock.getAnthropicBaseUrl()).messages()
                    .create(MantleMockContainerTest.ask("Hello from an image Testcontainers built"));
            assertThat(message.content()).isNotEmpty();
        }
    }

    private static void putIfSet(Map<String, String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.put(name, value);
        }
    }
}
