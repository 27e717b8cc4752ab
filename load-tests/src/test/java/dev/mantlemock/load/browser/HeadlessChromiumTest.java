package dev.mantlemock.load.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class HeadlessChromiumTest {
    @Test
    void withoutChromiumABrowserTestIsSkippedSayingWhatToInstall() {
        assertThatThrownBy(() -> HeadlessChromium.requireOrSkip(null, false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install -y chromium");
    }

    @Test
    void withoutChromiumUnderCiABrowserTestFails() {
        assertThatThrownBy(() -> HeadlessChromium.requireOrSkip(null, true))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("apt-get install -y chromium")
                .hasMessageContaining("CI is set");
    }

    @Test
    void anInstalledChromiumIsUsed() {
        Path binary = Path.of("/usr/bin/chromium");
        assertThat(HeadlessChromium.requireOrSkip(binary, true)).isEqualTo(binary);
    }
}
