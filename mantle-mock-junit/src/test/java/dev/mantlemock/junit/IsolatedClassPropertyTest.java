package dev.mantlemock.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mantlemock.kit.MantleMockInfo;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * In a concurrent run, a class marked {@code @Isolated} runs alone: its mock sets the base-URL property
 * (once it never did, the context reporting the configured concurrent mode) and its tests share that mock.
 */
class IsolatedClassPropertyTest {
    static final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Test
    void anIsolatedClassInAConcurrentRunGetsTheBaseUrlProperty() {
        seen.clear();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"))
                .selectors(selectClass(Alone.class))
                .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(seen).hasSize(1); // both tests saw the same mock's URL in the property
        assertThat(System.getProperty(MantleMockExtension.BASE_URL_PROPERTY)).isNull(); // and it was restored
    }

    /** Run only by the test above. */
    @MantleMockTest
    @Isolated
    static class Alone {
        @Test
        void one(MantleMockInfo info) {
            check(info);
        }

        @Test
        void two(MantleMockInfo info) {
            check(info);
        }

        private static void check(MantleMockInfo info) {
            assertThat(System.getProperty(MantleMockExtension.BASE_URL_PROPERTY)).isEqualTo(info.baseUrl());
            seen.add(info.baseUrl());
        }
    }
}
