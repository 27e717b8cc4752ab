package dev.mantlemock.contract.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.ContractRunner;
import dev.mantlemock.contract.Outcome;
import dev.mantlemock.contract.Target;
import dev.mantlemock.contract.checks.AuthContracts;
import dev.mantlemock.contract.checks.FixtureContracts;
import dev.mantlemock.contract.checks.MessageContracts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** Choosing a target never needs the network; a target that cannot be asked makes skips, not passes. */
class TargetsTest {
    private static Targets withEnv(Map<String, String> env) {
        return new Targets(env::get);
    }

    @Test
    void liveWithoutAModelIsUnavailableAndItsContractsAreSkippedWithTheReason() {
        Target live = withEnv(Map.of()).live();
        ContractResult result = ContractRunner.run(MessageContracts.SHAPE, live);
        assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(result.reason()).contains("CONTRACT_MODEL");
    }

    @Test
    void liveWithABearerKeyOnlyTargetsTheRegionalEndpoint() {
        Target live = withEnv(Map.of("CONTRACT_MODEL", "anthropic.claude-haiku-4-5", "AWS_REGION", "eu-west-1",
                "AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-abc")).live();
        assertThat(live.baseUrl()).isEqualTo("https://bedrock-mantle.eu-west-1.api.aws/anthropic");
        assertThat(live.answersFromFixtures()).isFalse();
        assertThat(live.toString()).doesNotContain("bedrock-api-key-abc");
    }

    @Test
    void mockOnlyContractsAreSkippedAgainstATargetThatDoesNotAnswerFromFixtures() {
        Target live = new Target("live", "https://example.invalid/anthropic", "m", "us-east-1", null, "key", false, null, 0);
        assertThat(ContractRunner.run(FixtureContracts.WEATHER_AGENT, live).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(ContractRunner.run(AuthContracts.SKEWED_CLOCK, live).reason()).contains("SigV4");
    }

    @Test
    void urlWithoutABaseUrlIsUnavailable() {
        assertThat(withEnv(Map.of()).url().unavailable()).contains("CONTRACT_BASE_URL");
    }

    @Test
    void urlDefaultsToTheMocksDefaultPrincipal() {
        Target url = withEnv(Map.of("CONTRACT_BASE_URL", "http://127.0.0.1:8080/anthropic/")).url();
        assertThat(url.baseUrl()).isEqualTo("http://127.0.0.1:8080/anthropic");
        assertThat(url.sigV4().accessKeyId()).isEqualTo(InProcessMock.ACCESS_KEY_ID);
        assertThat(url.bearerKey()).startsWith("bedrock-api-key-");
    }

    @Test
    void anUnknownTargetNameIsRefused() {
        assertThatThrownBy(() -> withEnv(Map.of()).choose("staging")).hasMessageContaining("mock, url or live");
    }

    @Test
    void aTargetNeverPrintsItsSecret() {
        Target t = new Target("x", "http://h/anthropic", "m", "us-east-1",
                AwsBasicCredentials.create(InProcessMock.ACCESS_KEY_ID, InProcessMock.SECRET), "secret-key", true, null, 0);
        assertThat(t.toString()).doesNotContain(InProcessMock.SECRET).doesNotContain("secret-key").doesNotContain(InProcessMock.ACCESS_KEY_ID);
    }
}
