package dev.mantlemock.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.anthropic.models.messages.Usage;

/** Counts what one contract sends, so the report (and the README) can say what a live run costs. */
public final class Meter {
    private long requests;
    private long input;
    private long output;
    private long cacheCreation;
    private long cacheRead;

    public synchronized void request() {
        requests++;
    }

    public synchronized void usage(Usage usage) {
        input += usage.inputTokens();
        output += usage.outputTokens();
        cacheCreation += usage.cacheCreationInputTokens().orElse(0L);
        cacheRead += usage.cacheReadInputTokens().orElse(0L);
    }

    /** The usage object of a raw message or a stream's final numbers. */
    public synchronized void usage(JsonNode usage) {
        input += usage.path("input_tokens").asLong(0);
        output += usage.path("output_tokens").asLong(0);
        cacheCreation += usage.path("cache_creation_input_tokens").asLong(0);
        cacheRead += usage.path("cache_read_input_tokens").asLong(0);
    }

    public synchronized Cost cost() {
        return new Cost(requests, input, output, cacheCreation, cacheRead);
    }
}
