package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import java.util.List;
import java.util.UUID;

/** Prompt caching: the first request writes the marked prefix, the same request again reads it. */
public final class CachingContracts {
    /**
     * About 24,000 characters: over 4,096 tokens on every current model, the largest minimum cacheable
     * prefix (Haiku 4.5, Opus 4.5+); the mock's default minimum is 1,024.
     */
    static final int PREFIX_CHARS = 24_000;

    private CachingContracts() {}

    public static final Contract WRITE_THEN_READ = new Contract("cache.write-then-read", "prompt caching",
            "A cache_control prefix is written by the first request (cache_creation_input_tokens) and read by the same request again (cache_read_input_tokens, same size)",
            Needs.NOTHING, s -> {
                MessageCreateParams params = MessageCreateParams.builder().model(s.model()).maxTokens(16)
                        .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(longSystemPrompt())
                                .cacheControl(CacheControlEphemeral.builder().build()).build()))
                        .addUserMessage("Reply with OK.")
                        .build();
                Message write = s.create(params);
                long written = write.usage().cacheCreationInputTokens().orElse(0L);
                assertThat(written).as("first request: cache_creation_input_tokens").isPositive();
                assertThat(write.usage().cacheReadInputTokens().orElse(0L)).as("first request: cache_read_input_tokens").isZero();

                Message read = s.create(params);
                assertThat(read.usage().cacheReadInputTokens().orElse(0L)).as("second request: cache_read_input_tokens").isEqualTo(written);
                assertThat(read.usage().cacheCreationInputTokens().orElse(0L)).as("second request: cache_creation_input_tokens").isZero();
                assertThat(read.usage().inputTokens()).as("uncached input_tokens are the same both times").isEqualTo(write.usage().inputTokens());
            });

    /** A fresh prefix per run (the nonce comes first), so the first request really writes. */
    static String longSystemPrompt() {
        StringBuilder text = new StringBuilder("Session ").append(UUID.randomUUID()).append(". You are the archivist of a lighthouse log.\n");
        for (int entry = 1; text.length() < PREFIX_CHARS; entry++) {
            text.append("Log entry ").append(entry).append(": the keeper trimmed the wick, wound the clockwork, noted a wind from the ")
                    .append(entry % 2 == 0 ? "north-west" : "south-east").append(" at ").append(entry % 40 + 5)
                    .append(" knots and a barometer reading of ").append(990 + entry % 30).append(" hectopascals.\n");
        }
        return text.toString();
    }

    public static List<Contract> all() {
        return List.of(WRITE_THEN_READ);
    }
}
