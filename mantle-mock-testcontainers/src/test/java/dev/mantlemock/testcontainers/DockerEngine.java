package dev.mantlemock.testcontainers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * These tests need a Docker engine. Without one they are skipped with a message saying so, except under
 * CI ({@code CI} set, as {@code .ci/run} does after installing and starting one), where they fail: a CI run
 * that silently skipped the image would prove nothing about it.
 */
final class DockerEngine implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String why = "No Docker engine answers (see the Testcontainers log above); the image's tests need one."
                + " .ci/run installs and starts it (apt-get install -y docker.io; dockerd).";
        if (System.getenv("CI") != null) {
            Assertions.fail("Under CI: " + why);
        }
        Assumptions.abort(why);
    }

    /** The image the tests run: docker/build-local.sh's, named by CI; else built from the Dockerfile. */
    static MantleMockContainer mock() {
        return new MantleMockContainer();
    }
}
