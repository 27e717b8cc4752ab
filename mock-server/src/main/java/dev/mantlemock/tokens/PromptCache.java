package dev.mantlemock.tokens;

import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.InputTokens;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
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
 * messages) keyed by account, model and a hash of the prefix content. As Anthropic documents, a hit
 * is looked for at each breakpoint and at the blocks shortly before it ({@link TokenFacts#CACHE_LOOKBACK_BLOCKS}),
 * and the longest live prefix is read. The rest up to the last breakpoint is written and billed as
 * Anthropic bills it: read up to A (the longest hit), 1h writes from A to B (the last 1h breakpoint
 * after A), 5m writes from B to C (the last breakpoint). Prefixes shorter than the model's minimum are
 * never cached. count_tokens must not call this: it reports plain totals.
 */
public final class PromptCache {

    private record Key(String accountId, String modelId, String prefixHash) {}

    private record Entry(Instant expiry, Duration ttl) {}

    /** A block boundary: the prefix through this block, and its breakpoint TTL if it is a breakpoint. */
    private record Point(int block, int tokensThrough, String prefixHash, Duration ttl) {
        boolean isBreakpoint() { return ttl != null; }
    }

    private final Clock clock;
    private final TokenEstimator estimator;
    private final ToIntFunction<ModelSpec> minimumCacheableTokens;
    private final Map<Key, Entry> entries;

    public PromptCache(Clock clock, TokenEstimator estimator, int maxEntries, ToIntFunction<ModelSpec> minimumCacheableTokens) {
        this.clock = clock;
        this.estimator = estimator;
        this.minimumCacheableTokens = minimumCacheableTokens;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
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

    /** Looks the request's prefixes up, writes its breakpoints, and splits the input tokens accordingly. */
    public InputTokens apply(String accountId, MessageRequest request, ModelSpec model) {
        if (!hasCacheControl(request)) {
            // No breakpoint anywhere (most requests): nothing to look up or write, so skip the
            // canonical JSON and prefix hashes; the count is the same as the full path's.
            return InputTokens.uncached(estimator.estimateInput(request, model));
        }
        List<PromptPart> parts = withTopLevelBreakpoint(estimator.parts(request, model), request.json().get("cache_control"));
        int total = parts.stream().mapToInt(PromptPart::tokens).sum();
        int minimum = minimumCacheableTokens.applyAsInt(model);
        List<Point> points = points(parts);
        List<Point> breakpoints = points.stream().filter(p -> p.isBreakpoint() && p.tokensThrough() >= minimum).toList();
        if (breakpoints.isEmpty()) {
            return InputTokens.uncached(total);
        }
        synchronized (this) {
            Instant now = clock.instant();
            Point hit = longestLiveCandidate(accountId, model, points, breakpoints, minimum, now);
            int read = hit == null ? 0 : hit.tokensThrough();
            int through1h = read;
            for (Point b : breakpoints) {
                if (b.tokensThrough() > read && b.ttl().equals(TokenFacts.CACHE_TTL_1H)) {
                    through1h = b.tokensThrough();
                }
            }
            int through = Math.max(read, breakpoints.get(breakpoints.size() - 1).tokensThrough());
            int created1h = through1h - read;
            int created5m = through - through1h;
            if (hit != null) { // a hit refreshes the entry's own TTL
                Key key = key(accountId, model, hit);
                entries.put(key, new Entry(now.plus(entries.get(key).ttl()), entries.get(key).ttl()));
            }
            for (Point b : breakpoints) {
                remember(key(accountId, model, b), now, b.ttl());
            }
            return new InputTokens(total - read - created1h - created5m, created5m, created1h, read);
        }
    }

    /** Whether any place a breakpoint can sit (top level, tools, system blocks, message blocks) names cache_control. */
    static boolean hasCacheControl(MessageRequest request) {
        if (request.json().has("cache_control")) {
            return true;
        }
        for (JsonNode tool : request.tools()) {
            if (tool.has("cache_control")) {
                return true;
            }
        }
        if (request.system().isArray()) {
            for (JsonNode block : request.system()) {
                if (block.has("cache_control")) {
                    return true;
                }
            }
        }
        for (JsonNode message : request.messages()) {
            JsonNode content = message.path("content");
            if (content.isArray()) {
                for (JsonNode block : content) {
                    if (block.has("cache_control")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The longest live prefix ending at a breakpoint or within the lookback window before one. */
    private Point longestLiveCandidate(String accountId, ModelSpec model, List<Point> points, List<Point> breakpoints, int minimum, Instant now) {
        for (int i = points.size() - 1; i >= 0; i--) {
            Point p = points.get(i);
            if (p.tokensThrough() < minimum || !withinLookback(p, breakpoints)) {
                continue;
            }
            Entry entry = entries.get(key(accountId, model, p));
            if (entry != null && now.isBefore(entry.expiry())) {
                return p;
            }
        }
        return null;
    }

    private static boolean withinLookback(Point p, List<Point> breakpoints) {
        for (Point b : breakpoints) {
            if (p.block() <= b.block() && p.block() > b.block() - TokenFacts.CACHE_LOOKBACK_BLOCKS) {
                return true;
            }
        }
        return false;
    }

    /** Written or refreshed; never shortens an entry that already lives longer (a 1h entry re-marked 5m). */
    private void remember(Key key, Instant now, Duration ttl) {
        Entry current = entries.get(key);
        Instant expiry = now.plus(ttl);
        if (current != null && current.expiry().isAfter(expiry)) {
            return;
        }
        entries.put(key, new Entry(expiry, current != null && current.ttl().compareTo(ttl) > 0 ? current.ttl() : ttl));
    }

    /** Every content-block boundary with the tokens and hash of the prefix through it. */
    private static List<Point> points(List<PromptPart> parts) {
        List<Point> out = new ArrayList<>();
        MessageDigest prefix = Json.sha256Digest();
        int tokens = 0;
        int block = 0;
        for (PromptPart part : parts) {
            // Length-prefixed so that part boundaries are part of the hash.
            byte[] bytes = part.fingerprint().getBytes(StandardCharsets.UTF_8);
            prefix.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            prefix.update(bytes);
            tokens += part.tokens();
            if (part.block()) {
                out.add(new Point(block++, tokens, hex(snapshot(prefix)), part.isBreakpoint() ? ttl(part.cacheControl()) : null));
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

    private static Key key(String accountId, ModelSpec model, Point p) {
        return new Key(accountId, model.id(), p.prefixHash());
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }
}
