package dev.mantlemock.answer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.api.MessageRequest;
import dev.mantlemock.policy.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Simulated prompt caching. Each {@code cache_control} breakpoint marks a prefix (tools → system →
 * messages) keyed by account, model and a hash of the prefix content. The longest live prefix is
 * read; the rest up to the last breakpoint is written, split into 1h and 5m as Anthropic bills it:
 * read up to A (the longest hit), 1h writes from A to B (the last 1h breakpoint after A), 5m writes
 * from B to C (the last breakpoint). Prefixes shorter than the model's minimum are never cached.
 * count_tokens must not call this: it reports plain totals.
 */
public final class PromptCache {

    private record Key(String accountId, String modelId, String prefixHash) {}

    private record Breakpoint(int tokensThrough, String prefixHash, Duration ttl) {}

    private final Clock clock;
    private final TokenEstimator estimator;
    private final ToIntFunction<ModelSpec> minimumCacheableTokens;
    private final Map<Key, Instant> expiries;

    public PromptCache(Clock clock, TokenEstimator estimator, int maxEntries, ToIntFunction<ModelSpec> minimumCacheableTokens) {
        this.clock = clock;
        this.estimator = estimator;
        this.minimumCacheableTokens = minimumCacheableTokens;
        this.expiries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The same minimum for every model; tests pass a small one. */
    public PromptCache(Clock clock, TokenEstimator estimator, int maxEntries, int minimumCacheableTokens) {
        this(clock, estimator, maxEntries, model -> minimumCacheableTokens);
    }

    public PromptCache(Clock clock, TokenEstimator estimator) {
        this(clock, estimator, TokenFacts.DEFAULT_CACHE_ENTRIES, TokenFacts.DEFAULT_MIN_CACHEABLE_TOKENS);
    }

    /** Looks the request's breakpoints up, writes the new ones, and splits the input tokens accordingly. */
    public InputTokens apply(String accountId, MessageRequest request, ModelSpec model) {
        List<PromptPart> parts = estimator.parts(request, model);
        int total = parts.stream().mapToInt(PromptPart::tokens).sum();
        List<Breakpoint> breakpoints = breakpoints(parts, request.json().get("cache_control"), minimumCacheableTokens.applyAsInt(model));
        if (breakpoints.isEmpty()) {
            return InputTokens.uncached(total);
        }
        synchronized (this) {
            Instant now = clock.instant();
            int hit = -1;
            for (int i = breakpoints.size() - 1; i >= 0 && hit < 0; i--) {
                Instant expiry = expiries.get(key(accountId, model, breakpoints.get(i)));
                if (expiry != null && now.isBefore(expiry)) {
                    hit = i;
                }
            }
            int read = hit < 0 ? 0 : breakpoints.get(hit).tokensThrough();
            int last1h = hit;
            for (int i = hit + 1; i < breakpoints.size(); i++) {
                if (breakpoints.get(i).ttl().equals(TokenFacts.CACHE_TTL_1H)) {
                    last1h = i;
                }
            }
            int through1h = last1h < 0 ? 0 : breakpoints.get(last1h).tokensThrough();
            int through5m = breakpoints.get(breakpoints.size() - 1).tokensThrough();
            int created1h = Math.max(0, through1h - read);
            int created5m = Math.max(0, through5m - Math.max(read, through1h));
            // Every breakpoint of this request is now live: hits are refreshed, new prefixes written.
            for (Breakpoint b : breakpoints) {
                Key key = key(accountId, model, b);
                Instant refreshed = now.plus(b.ttl());
                Instant current = expiries.get(key);
                expiries.put(key, current != null && current.isAfter(refreshed) ? current : refreshed);
            }
            return new InputTokens(total - read - created1h - created5m, created5m, created1h, read);
        }
    }

    public synchronized void clear() {
        expiries.clear();
    }

    public synchronized int size() {
        return expiries.size();
    }

    /** Cacheable breakpoints in prompt order, each with the tokens and hash of the prefix through it. */
    private static List<Breakpoint> breakpoints(List<PromptPart> parts, JsonNode topLevel, int minimum) {
        parts = withTopLevelBreakpoint(parts, topLevel);
        List<Breakpoint> out = new ArrayList<>();
        MessageDigest prefix = Json.sha256Digest();
        int tokens = 0;
        for (PromptPart part : parts) {
            // Length-prefixed so that part boundaries are part of the hash.
            byte[] bytes = part.fingerprint().getBytes(StandardCharsets.UTF_8);
            prefix.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            prefix.update(bytes);
            tokens += part.tokens();
            if (part.isBreakpoint() && tokens >= minimum) {
                out.add(new Breakpoint(tokens, hex(snapshot(prefix)), ttl(part.cacheControl())));
            }
        }
        return out;
    }

    /** Top-level {@code cache_control} marks the last content block, unless it already has its own. */
    private static List<PromptPart> withTopLevelBreakpoint(List<PromptPart> parts, JsonNode topLevel) {
        if (topLevel == null || !topLevel.isObject()) {
            return parts;
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i).block()) {
                if (!parts.get(i).isBreakpoint()) {
                    parts = new ArrayList<>(parts);
                    parts.set(i, parts.get(i).withCacheControl(topLevel));
                }
                break;
            }
        }
        return parts;
    }

    /** The hash of the prefix so far, leaving the running digest usable. */
    private static byte[] snapshot(MessageDigest running) {
        try {
            return ((MessageDigest) running.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK provider", e);
        }
    }

    private static Duration ttl(JsonNode control) {
        return "1h".equals(control.path("ttl").asText()) ? TokenFacts.CACHE_TTL_1H : TokenFacts.CACHE_TTL_5M;
    }

    private static Key key(String accountId, ModelSpec model, Breakpoint b) {
        return new Key(accountId, model.id(), b.prefixHash());
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
