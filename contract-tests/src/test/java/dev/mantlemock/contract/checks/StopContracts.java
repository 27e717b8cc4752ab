package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;

/** How an answer ends when the caller sets the end: a stop sequence or a token budget. */
public final class StopContracts {
    static final String STOP_WORD = "PINEAPPLE";

    private StopContracts() {}

    public static final Contract STOP_SEQUENCE = new Contract("stop.sequence-ends-the-answer", "stops",
            "A stop sequence the answer reaches ends it before the sequence, with stop_reason stop_sequence and the sequence echoed",
            Needs.NOTHING, s -> {
                Message message = s.create(Requests.ask(s, "Please repeat " + STOP_WORD + " back to me, and nothing else.", 100)
                        .stopSequences(List.of(STOP_WORD)).build());
                assertThat(message.stopReason()).as("stop reason").contains(StopReason.STOP_SEQUENCE);
                assertThat(message.stopSequence()).as("stop_sequence").contains(STOP_WORD);
                assertThat(message.content()).filteredOn(ContentBlock::isText)
                        .allSatisfy(b -> assertThat(b.asText().text()).as("text").doesNotContain(STOP_WORD));
            });

    public static final Contract MAX_TOKENS = new Contract("stop.max-tokens-cuts-the-answer", "stops",
            "An answer longer than max_tokens is cut with stop_reason max_tokens and reports exactly max_tokens output tokens",
            Needs.NOTHING, s -> {
                long maxTokens = 10;
                Message message = s.create(Requests.ask(s, Requests.LONG_ANSWER, maxTokens).build());
                assertThat(message.stopReason()).as("stop reason").contains(StopReason.MAX_TOKENS);
                assertThat(message.stopSequence()).as("stop_sequence").isEmpty();
                assertThat(message.usage().outputTokens()).as("usage.output_tokens").isEqualTo(maxTokens);
            });

    public static List<Contract> all() {
        return List.of(STOP_SEQUENCE, MAX_TOKENS);
    }
}
