package dev.mantlemock.thinking;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mantlemock.domain.ConfigException;
import java.util.List;

/** How thinking blocks are signed, and which of the first-party checks on them the mock makes (docs/api.md, "Thinking blocks"). */
public final class ThinkingSettings {
    /**
     * The HMAC key of thinking signatures (any string, used as its UTF-8 bytes). Unset: a random key per
     * mock instance, so only the instance that answered can verify. Set it to make signatures written in
     * fixtures, or made by another mock, verify.
     */
    @JsonProperty("signing-key")
    public String signingKey;

    /**
     * {@code verify}: every thinking signature and redacted {@code data} sent back must be the mock's and
     * verify; {@code verify-own}: those in the mock's format must verify, any other (one captured from real
     * Bedrock) passes; {@code ignore}: none is checked.
     */
    public String signatures = "verify";

    /**
     * Which thinking modes require the assistant turn of the open tool-use cycle to start with its thinking
     * block: {@code enabled} (manual thinking only; adaptive thinking may skip thinking), {@code enabled-and-adaptive},
     * or {@code off}.
     */
    @JsonProperty("thinking-first")
    public String thinkingFirst = "enabled";

    /**
     * Preserved thinking on the models that have it (models.yaml {@code preserved-thinking}): {@code enforce} (the
     * default for accounts created from 2026-08-31) refuses or drops a thinking block whose conversation changed;
     * {@code off} lets it through, as for older accounts.
     */
    public String binding = "enforce";

    public void check() {
        oneOf("thinking.binding", binding, List.of("enforce", "off"));
        oneOf("thinking.signatures", signatures, List.of("verify", "verify-own", "ignore"));
        oneOf("thinking.thinking-first", thinkingFirst, List.of("enabled", "enabled-and-adaptive", "off"));
        if (signingKey != null && signingKey.isEmpty()) {
            throw new ConfigException("thinking.signing-key must not be empty (leave it out for a random key)");
        }
    }

    private static void oneOf(String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException(key + " must be one of " + allowed + ", not '" + value + "'");
        }
    }
}
