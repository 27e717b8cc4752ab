package dev.mantlemock.tokens;

import dev.mantlemock.domain.InputTokens;
import static dev.mantlemock.testing.TestRequests.OPUS_47;
import static dev.mantlemock.testing.TestRequests.SONNET;
import static dev.mantlemock.testing.TestRequests.quoted;
import static dev.mantlemock.testing.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.domain.MessageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PromptCacheTest {
    private static final String LONG_SYSTEM = "Follow the house style carefully. ".repeat(40); // 1,360 chars = 389 tokens
    private static final int MINIMUM = 100;

    private final TestClock clock = new TestClock();
    private final TokenEstimator estimator = new TokenEstimator();
    private final PromptCache cache = new PromptCache(clock, estimator, 100, MINIMUM);

    @Test
    void theFirstRequestWritesTheCacheAndARepeatReadsIt() {
        MessageRequest r = systemCached("5m", "What is 2+2?");
        int systemTokens = estimator.estimateText(LONG_SYSTEM, SONNET);
        int total = estimator.estimateInput(r, SONNET);

        InputTokens first = cache.apply("acct", r, SONNET);
        assertThat(first).isEqualTo(new InputTokens(total - systemTokens, systemTokens, 0, 0));

        clock.advance(Duration.ofMinutes(2));
        InputTokens second = cache.apply("acct", r, SONNET);
        assertThat(second).isEqualTo(new InputTokens(total - systemTokens, 0, 0, systemTokens));
    }

    @Test
    void anEntryExpiresWhenItsTtlPassesWithoutAHit() {
        MessageRequest r = systemCached("5m", "hello");
        cache.apply("acct", r, SONNET);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isZero();
    }

    @Test
    void aHitRefreshesTheTtl() {
        MessageRequest r = systemCached("5m", "hello");
        cache.apply("acct", r, SONNET);
        clock.advance(Duration.ofMinutes(4));
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isPositive();
        clock.advance(Duration.ofMinutes(4)); // 8 minutes after the write, 4 after the hit
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isPositive();
    }

    @Test
    void anHourLongEntryOutlivesFiveMinutes() {
        MessageRequest r = systemCached("1h", "hello");
        assertThat(cache.apply("acct", r, SONNET).cacheCreation1h()).isEqualTo(estimator.estimateText(LONG_SYSTEM, SONNET));
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isEqualTo(estimator.estimateText(LONG_SYSTEM, SONNET));
        clock.advance(Duration.ofMinutes(61));
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isZero();
    }

    @Test
    void writesAreSplitIntoOneHourUpToTheLastHourBreakpointAndFiveMinutesAfterIt() {
        String question = "Summarise the rules above in one line, please. ".repeat(10);
        MessageRequest r = request("""
            {"system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral"}}]},
                         {"role":"assistant","content":"ok"},{"role":"user","content":"thanks"}]}"""
                .formatted(quoted(LONG_SYSTEM), quoted(question)));
        int system = estimator.estimateText(LONG_SYSTEM, SONNET);
        int throughQuestion = system + TokenFacts.MESSAGE_OVERHEAD_TOKENS + estimator.estimateText(question, SONNET);
        InputTokens tokens = cache.apply("acct", r, SONNET);
        assertThat(tokens.cacheCreation1h()).isEqualTo(system);
        assertThat(tokens.cacheCreation5m()).isEqualTo(throughQuestion - system);
        assertThat(tokens.cacheRead()).isZero();
        assertThat(tokens.total()).isEqualTo(estimator.estimateInput(r, SONNET));
    }

    @Test
    void theLongestLivePrefixIsReadAndOnlyTheNewTailIsWritten() {
        MessageRequest turn1 = request("""
            {"system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"first question"}]}""".formatted(quoted(LONG_SYSTEM)));
        MessageRequest turn2 = request("""
            {"system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"first question"},{"role":"assistant","content":"first answer"},
                         {"role":"user","content":[{"type":"text","text":"second question","cache_control":{"type":"ephemeral"}}]}]}"""
                .formatted(quoted(LONG_SYSTEM)));
        int system = estimator.estimateText(LONG_SYSTEM, SONNET);
        int total2 = estimator.estimateInput(turn2, SONNET);
        cache.apply("acct", turn1, SONNET);

        InputTokens second = cache.apply("acct", turn2, SONNET);
        assertThat(second.cacheRead()).isEqualTo(system);
        assertThat(second.cacheCreation5m()).isEqualTo(total2 - system);
        assertThat(second.uncached()).isZero();

        InputTokens repeat = cache.apply("acct", turn2, SONNET);
        assertThat(repeat).isEqualTo(new InputTokens(0, 0, 0, total2));
    }

    @Test
    void aPrefixShorterThanTheMinimumIsNeverCached() {
        MessageRequest small = request("""
            {"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(cache.apply("acct", small, SONNET)).isEqualTo(InputTokens.uncached(estimator.estimateInput(small, SONNET)));
        assertThat(cache.apply("acct", small, SONNET).cacheRead()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theDefaultMinimumIs1024Tokens() {
        PromptCache defaults = new PromptCache(clock, estimator);
        assertThat(defaults.apply("acct", systemCached("5m", "hi"), SONNET).cacheCreation()).isZero();
    }

    @Test
    void accountsAndModelsDoNotShareEntries() {
        MessageRequest r = systemCached("5m", "hello");
        cache.apply("alice", r, SONNET);
        assertThat(cache.apply("bob", r, SONNET).cacheRead()).isZero();
        assertThat(cache.apply("alice", r, OPUS_47).cacheRead()).isZero();
        assertThat(cache.apply("alice", r, SONNET).cacheRead()).isPositive();
    }

    @Test
    void aChangedPrefixMisses() {
        cache.apply("acct", systemCached("5m", "hello"), SONNET);
        MessageRequest changed = request("""
            {"system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hello"}]}"""
                .formatted(quoted(LONG_SYSTEM + "!")));
        assertThat(cache.apply("acct", changed, SONNET).cacheRead()).isZero();
    }

    @Test
    void topLevelCacheControlCachesThroughTheLastBlock() {
        MessageRequest r = request("""
            {"cache_control":{"type":"ephemeral"},"system":%s,"messages":[{"role":"user","content":"hello"}]}"""
                .formatted(quoted(LONG_SYSTEM)));
        int total = estimator.estimateInput(r, SONNET);
        assertThat(cache.apply("acct", r, SONNET)).isEqualTo(new InputTokens(0, total, 0, 0));
        assertThat(cache.apply("acct", r, SONNET)).isEqualTo(new InputTokens(0, 0, 0, total));
    }

    @Test
    void aConversationWithTopLevelCachingReadsThePreviousTurnThroughTheLookback() {
        String turn1 = "{\"cache_control\":{\"type\":\"ephemeral\"},\"system\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"q1\"}]}"
                .formatted(quoted(LONG_SYSTEM));
        String turn2 = "{\"cache_control\":{\"type\":\"ephemeral\"},\"system\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"q1\"},"
                .formatted(quoted(LONG_SYSTEM)) + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}]}";
        int total1 = estimator.estimateInput(request(turn1), SONNET);
        int total2 = estimator.estimateInput(request(turn2), SONNET);
        cache.apply("acct", request(turn1), SONNET);
        assertThat(cache.apply("acct", request(turn2), SONNET)).isEqualTo(new InputTokens(0, total2 - total1, 0, total1));
    }

    @Test
    void theLookbackReachesNineteenBlocksBackButNotTwenty() {
        cache.apply("near", longBlockThen(0), SONNET);
        assertThat(cache.apply("near", longBlockThen(TokenFacts.CACHE_LOOKBACK_BLOCKS - 1), SONNET).cacheRead()).isPositive();
        cache.apply("far", longBlockThen(0), SONNET);
        assertThat(cache.apply("far", longBlockThen(TokenFacts.CACHE_LOOKBACK_BLOCKS), SONNET).cacheRead()).isZero();
    }

    /** One long user block, then {@code more} short ones; the breakpoint sits on the last block. */
    private static MessageRequest longBlockThen(int more) {
        StringBuilder blocks = new StringBuilder("{\"type\":\"text\",\"text\":" + quoted(LONG_SYSTEM) + "}");
        for (int i = 0; i < more; i++) {
            blocks.append(",{\"type\":\"text\",\"text\":\"more ").append(i).append("\"}");
        }
        return request("{\"messages\":[{\"role\":\"user\",\"content\":[" + blocks + "]}],\"cache_control\":{\"type\":\"ephemeral\"}}");
    }

    @Test
    void toolDefinitionsCanCarryTheBreakpoint() {
        MessageRequest r = request("""
            {"tools":[{"name":"lookup","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"hello"}]}""");
        int tools = TokenFacts.TOOLS_OVERHEAD_TOKENS + estimator.estimateText("{\"input_schema\":{\"type\":\"object\"},\"name\":\"lookup\"}", SONNET);
        assertThat(cache.apply("acct", r, SONNET).cacheCreation5m()).isEqualTo(tools);
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isEqualTo(tools);
    }

    @Test
    void memoryIsBoundedByEvictingTheLeastRecentlyUsedEntry() {
        PromptCache small = new PromptCache(clock, estimator, 2, MINIMUM);
        MessageRequest a = systemCached("5m", "a");
        small.apply("a", a, SONNET);
        small.apply("b", a, SONNET);
        small.apply("a", a, SONNET); // a is now the most recent
        small.apply("c", a, SONNET); // evicts b
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.apply("a", a, SONNET).cacheRead()).isPositive();
        assertThat(small.apply("b", a, SONNET).cacheRead()).isZero();
    }

    @Test
    void clearForgetsEverything() {
        MessageRequest r = systemCached("5m", "hello");
        cache.apply("acct", r, SONNET);
        cache.clear();
        assertThat(cache.apply("acct", r, SONNET).cacheRead()).isZero();
    }

    private static MessageRequest systemCached(String ttl, String question) {
        return request("""
            {"system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral","ttl":"%s"}}],
             "messages":[{"role":"user","content":%s}]}""".formatted(quoted(LONG_SYSTEM), ttl, quoted(question)));
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
