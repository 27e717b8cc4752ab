package dev.mantlemock.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures, a config file and the auth mode, given to the container the way a user's test gives them. */
@ExtendWith(DockerEngine.class)
@Timeout(600)
class MountedSettingsTest {

    @Test
    void fixturesAndAConfigFileAreCopiedInAndStrictAuthRefusesAnUnknownKey(@TempDir Path dir) throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(fixtures.resolve("greeting.json"), "{\"name\": \"greeting\", \"match\": {\"last-message\":"
                + " {\"contains\": \"container fixture\"}}, \"response\": {\"content\": [{\"type\": \"text\","
                + " \"text\": \"Answered from a mounted fixture.\"}]}}");
        Path config = dir.resolve("mock.yaml");
        Files.writeString(config, "journal:\n  size: 3\n");

        try (MantleMockContainer mock = DockerEngine.mock().withFixtures(fixtures).withConfig(config)
                .withAuthMode(MantleMockContainer.AuthMode.STRICT).withAdminToken("t")) {
            mock.start();

            Message message = MantleMockContainerTest.sigV4(mock.getAnthropicBaseUrl()).messages()
                    .create(MantleMockContainerTest.ask("please use the container fixture"));
            assertThat(message.content().get(0).asText().text()).isEqualTo("Answered from a mounted fixture.");
            assertThatThrownBy(() -> MantleMockContainerTest.bearer(mock.getAnthropicBaseUrl()).messages()
                    .create(MantleMockContainerTest.ask("a key strict mode does not know")))
                    .isInstanceOfAny(UnauthorizedException.class, PermissionDeniedException.class);
            HttpResponse<String> journal = MantleMockContainerTest.admin(mock, "GET", "/requests", "t");
            assertThat(journal.body()).as("journal.size from the config file").contains("\"capacity\":3");
        }
    }

    @Test
    void aMissingFixturesDirectoryIsNamedBeforeAnyContainerStarts(@TempDir Path dir) {
        assertThatThrownBy(() -> DockerEngine.mock().withFixtures(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
