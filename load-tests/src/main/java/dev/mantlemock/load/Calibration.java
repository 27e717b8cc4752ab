package dev.mantlemock.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.function.IntToLongFunction;

/**
 * Finds the prompt length whose {@code count_tokens} is the shape's input tokens, so a plan's charge
 * per request is what the endpoint will really charge (3.5 characters per token is only a start).
 */
public final class Calibration {
    static final double CHARS_PER_TOKEN = 3.5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param chars the prompt length found; @param inputTokens what count_tokens says it costs (-1: not measured) */
    public record Prompt(int chars, long inputTokens) {}

    private Calibration() {}

    /** Newton-like steps on a counter that is monotone in the prompt length; a few calls suffice. */
    public static Prompt solve(long wantedTokens, IntToLongFunction count) {
        int chars = (int) Math.max(1, Math.round(wantedTokens * CHARS_PER_TOKEN));
        long tokens = count.applyAsLong(chars);
        for (int i = 0; i < 8 && tokens != wantedTokens; i++) {
            int next = (int) Math.max(1, chars + Math.round((wantedTokens - tokens) * CHARS_PER_TOKEN));
            if (next == chars) {
                next = chars + (wantedTokens > tokens ? 1 : -1);
            }
            chars = Math.max(1, next);
            tokens = count.applyAsLong(chars);
        }
        // When no length hits it exactly (overheads, rounding), keep the closest one not above it.
        while (tokens > wantedTokens && chars > 1) {
            chars--;
            tokens = count.applyAsLong(chars);
        }
        return new Prompt(chars, tokens);
    }

    /** Calibrates against the target's count_tokens; falls back to the estimate if it is not available. */
    public static Prompt against(Target target, String model, long wantedTokens) {
        try {
            return solve(wantedTokens, chars -> countTokens(target, Prompts.message(model, Prompts.prose(chars), -1, false)));
        } catch (RuntimeException e) {
            System.err.println("count_tokens not usable (" + e.getMessage() + "): using " + CHARS_PER_TOKEN + " characters per token");
            return new Prompt((int) Math.round(wantedTokens * CHARS_PER_TOKEN), -1);
        }
    }

    /**
     * Mean output tokens of a few real requests of the shape: the refund of unused max_tokens
     * depends on it, and so does the throttled share above the quota. -1 if none was answered.
     */
    public static long meanOutput(Target target, String body, int samples) {
        long total = 0;
        int answered = 0;
        for (int i = 0; i < samples; i++) {
            try {
                HttpResponse<String> r = target.post("/v1/messages", body);
                if (r.statusCode() == 200) {
                    total += JSON.readTree(r.body()).path("usage").path("output_tokens").asLong();
                    answered++;
                }
            } catch (java.io.IOException e) {
                System.err.println("output sample failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return answered == 0 ? -1 : Math.round(total / (double) answered);
    }

    static long countTokens(Target target, String body) {
        try {
            HttpResponse<String> r = target.post("/v1/messages/count_tokens", body);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("count_tokens answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).path("input_tokens").asLong(-1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("count_tokens failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
