package dev.mantlemock.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ClientText;
import dev.mantlemock.testing.FakeUpstream;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.StrictUpstream;
import dev.mantlemock.testing.TestRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The drift log stays bounded (issue 28): a client's model id is cut, and the file rotates at its size. */
@Timeout(120)
class DriftLogBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aMegabyteModelIdCostsALineNoMoreThanAnOrdinaryOneAndTheLogRotates() throws Exception {
        Path driftLog = dir.resolve("drift.jsonl");
        String hugeModel = "anthropic." + "m".repeat(1024 * 1024);
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.message("[{\"type\":\"text\",\"text\":\"Hi\"}]", "end_turn"));
                RunningMock comparer = RunningMock.start(StrictUpstream.comparingWith(upstream.baseUrl(), driftLog).andThen(c -> {
                    c.compare.driftLogMaxBytes = 1024;
                    c.compare.driftLogFiles = 2;
                }))) {
            for (int i = 0; i < 10; i++) {
                assertThat(comparer.postMessages("{\"model\":\"" + hugeModel + "\",\"max_tokens\":5,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Hi " + i + "\"}]}").statusCode()).as("the upstream's answer").isEqualTo(200);
            }
            JsonNode summary = CompareModeTest.awaitCompared(comparer, 10);
            assertThat(summary.path("drifted").asInt()).as("the mock refuses the model; the upstream answers").isEqualTo(10);
            assertThat(summary.toString()).hasSizeLessThan(64 * 1024);
            assertThat(summary.path("recent").get(0).path("model").asText()).hasSizeLessThanOrEqualTo(ClientText.MAX + 1);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("drift.jsonl", "drift.jsonl.1", "drift.jsonl.2");
        }
        for (String name : new String[] {"drift.jsonl", "drift.jsonl.1", "drift.jsonl.2"}) {
            assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(1024);
        }
    }

    @Test
    void compareModeReadsTheUpstreamWithinTheSameLimitsAsRecording() throws Exception {
        Path driftLog = dir.resolve("drift.jsonl");
        try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.endlessBody());
                RunningMock comparer = RunningMock.start(StrictUpstream.comparingWith(upstream.baseUrl(), driftLog)
                        .andThen(c -> c.upstream.maxBodyBytes = 1024 * 1024))) {
            var answer = comparer.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":5,\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("upstream.max-body-bytes");
            assertThat(FakeUpstream.await(() -> upstream.open() == 0)).as("the upstream connection closed").isTrue();
            assertThat(upstream.written()).isLessThan(1024 * 1024 + 32L * 1024 * 1024);
            assertThat(CompareModeTest.awaitCompared(comparer, 1).path("compared").asInt()).isEqualTo(1);
        }
    }
}
