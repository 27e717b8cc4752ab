package dev.mantlemock.load.browser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class HeadlessChromiumTest {
    @Test
    void withoutChromiumABrowserTestIsSkippedSayingWhatToInstall() {
        assertThatThrownBy(() -> HeadlessChromium.missing(false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install -y chromium");
    }

    @Test
    void withoutChromiumUnderCiABrowserTestFails() {
        assertThatThrownBy(() -> HeadlessChromium.missing(true))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("apt-get install -y chromium")
                .hasMessageContaining("CI is set");
    }
}
