package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;

/** count_tokens counts what the same request is charged as input (AWS count-tokens page). */
public final class TokenCountContracts {
    private TokenCountContracts() {}

    public static final Contract MATCHES_USAGE = new Contract("count-tokens.matches-usage", "token counting",
            "count_tokens for a request equals the input_tokens the same request reports in its usage",
            Needs.NOTHING, s -> {
                String system = "You are a terse weather assistant.";
                Message message = s.create(Requests.ask(s, Requests.WEATHER_QUESTION, 200)
                        .system(system).addTool(Requests.weatherTool()).build());
                long counted = s.countTokens(MessageCountTokensParams.builder().model(s.model())
                        .system(system).addTool(Requests.weatherTool()).addUserMessage(Requests.WEATHER_QUESTION).build());
                assertThat(counted).as("count_tokens input_tokens").isPositive().isEqualTo(message.usage().inputTokens());
            });

    public static List<Contract> all() {
        return List.of(MATCHES_USAGE);
    }
}
