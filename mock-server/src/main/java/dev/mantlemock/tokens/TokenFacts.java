package dev.mantlemock.tokens;

/**
 * Every number the token arithmetic rests on, in one place. [D] = documented by Anthropic,
 * [I] = our choice for a deterministic mock (see the contract reference, section 8.2).
 */
public final class TokenFacts {
    private TokenFacts() {}

    /** [D] "one token represents approximately 3.5 English characters" (classic tokenizer). */
    public static final double CHARS_PER_TOKEN = 3.5;

    /** [I] Role markers and turn separators around every message. */
    public static final int MESSAGE_OVERHEAD_TOKENS = 3;

    /** [D] The tool-use system prompt added when tools are present (346 tokens for Claude 4.x, auto/none). */
    public static final int TOOLS_OVERHEAD_TOKENS = 346;

    /** [D] Images are scaled down until their long side is at most this many pixels. */
    public static final int IMAGE_MAX_LONG_SIDE_PX = 1568;

    /** [D] ... and their area at most about 1.15 megapixels (about 1,600 tokens). */
    public static final long IMAGE_MAX_PIXELS = 1_150_000;

    /** [D] tokens = width × height / 750. */
    public static final int IMAGE_PIXELS_PER_TOKEN = 750;

    /** [I] An image whose header we cannot read is charged like a full-size one. */
    public static final int IMAGE_FALLBACK_TOKENS = 1600;

    /** [I] A base64 PDF is estimated from its decoded byte count, as if every byte were a character. */
    public static final double PDF_BYTES_PER_CHAR = 1.0;

    /**
     * [D] Shortest prompt prefix that can be cached. Anthropic documents 1024 tokens for most Sonnet and
     * Opus models and 4096 for Haiku 4.5 and Opus 4.5+; the mock defaults to 1024 everywhere
     * and lets configuration pass another value to {@link PromptCache}.
     */
    public static final int DEFAULT_MIN_CACHEABLE_TOKENS = 1024;

    /** [D] Cache lifetimes, refreshed on every hit. */
    public static final java.time.Duration CACHE_TTL_5M = java.time.Duration.ofMinutes(5);
    public static final java.time.Duration CACHE_TTL_1H = java.time.Duration.ofHours(1);

    /** [D] A cache hit is looked for at each breakpoint and up to about this many blocks before it. */
    public static final int CACHE_LOOKBACK_BLOCKS = 20;

    /** [I] Bound on remembered cache entries (LRU beyond it). */
    public static final int DEFAULT_CACHE_ENTRIES = 10_000;
}
