package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.testing.RunningMock;
import dev.mantlemock.testing.TestRequests;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /_mock/models: each served model with every rule and the sources it comes from, and what is left out. */
class ModelsRouteTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    @Test
    void everyServedModelIsListedWithEveryRuleAndItsSources() {
        HttpResponse<String> r = mock.get("/_mock/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestRequests.node(r.body());
        List<String> ids = new ArrayList<>();
        body.path("models").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).contains("anthropic.claude-opus-5-5", "anthropic.claude-sonnet-5-5", "anthropic.claude-haiku-5-5",
                "anthropic.claude-mythos-5-1", "anthropic.claude-haiku-4-5").doesNotContain("anthropic.claude-sonnet-4-6");
        JsonNode opus55 = body.path("models").get(ids.indexOf("anthropic.claude-opus-5-5"));
        assertThat(opus55.path("thinking-on-by-default").asBoolean()).isTrue();
        assertThat(opus55.path("default-effort").asText()).isEqualTo("medium");
        assertThat(opus55.path("forced-tool-choice").asBoolean()).isFalse();
        assertThat(opus55.path("min-cacheable-tokens").asInt()).isEqualTo(512);
        assertThat(opus55.path("sources").size()).isPositive();
        assertThat(body.path("not-served").toString()).contains("anthropic.claude-fable-5-2", "anthropic.claude-sonnet-4-6");
        assertThat(body.path("serve-them-with").asText()).isEqualTo("off-mantle-models: serve");
    }

    @Test
    void aModelAddedInTheConfigIsListedToo() {
        dev.mantlemock.policy.ModelEntry added = new dev.mantlemock.policy.ModelEntry();
        added.id = "anthropic.claude-opus-6";
        try (RunningMock withIt = RunningMock.start(c -> c.models.add(added))) {
            assertThat(withIt.get("/_mock/models").body()).contains("\"id\":\"anthropic.claude-opus-6\"");
        }
    }
}
