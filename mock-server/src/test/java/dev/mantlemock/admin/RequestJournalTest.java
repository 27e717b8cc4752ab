package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mantlemock.domain.Completion;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.testing.Exchanges;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RequestJournalTest {

    private static RequestJournal journal(int size, int maxBody) {
        JournalConfig c = new JournalConfig();
        c.size = size;
        c.maxBodyBytes = maxBody;
        return new RequestJournal(c);
    }

    private static void serve(RequestJournal journal, Exchange e, int status) {
        journal.started(e).accept(new Completion(status, status == 200 ? null : "overloaded_error", 7, 2_000_000));
    }

    @Test
    void theJournalNeverHoldsMoreThanItsSizeAndKeepsTheNewest() {
        RequestJournal journal = journal(3, 4096);
        for (int i = 0; i < 10; i++) {
            serve(journal, Exchanges.messages().header("x-mock-test-id", "t" + i).build(), 200);
        }
        List<JournalEntry> entries = journal.entries(null, 100);
        assertThat(entries).extracting(JournalEntry::testId).containsExactly("t7", "t8", "t9");
        assertThat(journal.entries(null, 2)).extracting(JournalEntry::testId).containsExactly("t8", "t9");
    }

    @Test
    void aRequestIsJournalledPendingFromTheMomentItEntersUntilItCompletes() {
        RequestJournal journal = journal(10, 4096);
        Consumer<Completion> done = journal.started(Exchanges.messages().header("x-mock-test-id", "p").build());
        assertThat(journal.entries(null, 10)).singleElement().satisfies(e -> {
            assertThat(e.pending()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.testId()).isEqualTo("p");
        });

        done.accept(new Completion(200, null, 5, 1_000_000));

        assertThat(journal.entries(null, 10)).singleElement().satisfies(e -> {
            assertThat(e.pending()).isFalse();
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.outputTokens()).isEqualTo(5);
        });
    }

    @Test
    void aRequestThatEnteredBeforeAClearIsNeverJournalledWheneverItCompletes() {
        RequestJournal journal = journal(10, 4096);
        Consumer<Completion> before = journal.started(Exchanges.messages().header("x-mock-test-id", "old").build());
        journal.clear();
        Consumer<Completion> after = journal.started(Exchanges.messages().header("x-mock-test-id", "new").build());

        before.accept(new Completion(200, null, 5, 1_000_000));
        after.accept(new Completion(200, null, 5, 1_000_000));

        assertThat(journal.entries(null, 10)).extracting(JournalEntry::testId).containsExactly("new");
    }

    @Test
    void settlingWaitsForTheExchangesInFlightAndGivesUpAtItsBound() throws Exception {
        RequestJournal journal = journal(10, 4096);
        Consumer<Completion> done = journal.started(Exchanges.messages().build());
        assertThat(journal.settle(1_000_000)).isFalse(); // 1 ms: still in flight

        Thread completer = new Thread(() -> done.accept(new Completion(200, null, 1, 1)));
        completer.start();
        assertThat(journal.settle(60_000_000_000L)).isTrue();
        completer.join();
        assertThat(journal.entries(null, 10)).singleElement().extracting(JournalEntry::pending).isEqualTo(false);
    }

    @Test
    void aJournalOfSizeZeroRecordsNothing() {
        RequestJournal journal = journal(0, 4096);
        serve(journal, Exchanges.messages().build(), 200);
        assertThat(journal.entries(null, 10)).isEmpty();
    }

    @Test
    void entriesCanBeFilteredByTestId() {
        RequestJournal journal = journal(10, 4096);
        serve(journal, Exchanges.messages().header("x-mock-test-id", "a").build(), 200);
        serve(journal, Exchanges.messages().header("x-mock-test-id", "b").build(), 529);
        serve(journal, Exchanges.messages().build(), 200);
        assertThat(journal.entries("b", 10)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(529);
            assertThat(e.errorType()).isEqualTo("overloaded_error");
        });
    }

    @Test
    void anEntryRecordsWhatWasAskedAndWhatWasCharged() {
        RequestJournal journal = journal(10, 4096);
        serve(journal, Exchanges.messages().inputTokens(300).cacheRead(50).maxTokens(1000).header("x-mock-test-id", "t").build(), 200);
        JournalEntry e = journal.entries(null, 1).get(0);
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(e.body()).contains("\"max_tokens\":1000");
        assertThat(e.inputTokens()).isEqualTo(300);
        assertThat(e.maxTokens()).isEqualTo(1000);
        assertThat(e.outputTokens()).isEqualTo(7);
        assertThat(e.latencyMillis()).isEqualTo(2.0);
        assertThat(e.account()).isEqualTo("123456789012");
    }

    @Test
    void longBodiesAreCutButTheirFullLengthIsKept() {
        RequestJournal journal = journal(10, 10);
        Exchange e = Exchanges.messages().build();
        serve(journal, e, 200);
        JournalEntry entry = journal.entries(null, 1).get(0);
        assertThat(entry.body()).hasSize(10);
        assertThat(entry.bodyTruncated()).isTrue();
        assertThat(entry.bodyBytes()).isEqualTo(e.request().body().length);
    }

    @Test
    void keysTokensAndSignaturesNeverReachTheJournal() {
        RequestJournal journal = journal(10, 4096);
        String sigv4 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/bedrock-mantle/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
        serve(journal, Exchanges.messages()
                .header("authorization", "Bearer bedrock-api-key-c2VjcmV0")
                .header("x-api-key", "sk-secret")
                .header("x-amz-security-token", "FQoGZXIvYXdzEJr")
                .header("x-mock-test-id", "redact").build(), 200);
        serve(journal, Exchanges.messages().header("authorization", sigv4).build(), 200);

        List<JournalEntry> entries = journal.entries(null, 10);
        String all = entries.toString();
        assertThat(all).doesNotContain("c2VjcmV0", "sk-secret", "FQoGZXIvYXdzEJr", "5d672d79c15b");
        assertThat(entries.get(0).headers().get("authorization")).containsExactly("Bearer <redacted>");
        assertThat(entries.get(0).headers().get("x-api-key")).containsExactly("<redacted>");
        assertThat(entries.get(1).headers().get("authorization").get(0))
                .contains("Credential=AKIDEXAMPLE/20261125", "SignedHeaders=host;x-amz-date", "Signature=<redacted>");
    }

    @Test
    void presignedQuerySignaturesAreRedactedToo() {
        assertThat(Redaction.query("X-Amz-Date=1&X-Amz-Signature=abc123&beta=true"))
                .isEqualTo("X-Amz-Date=1&X-Amz-Signature=<redacted>&beta=true");
    }

    @Test
    void aPercentEncodedSecretParameterIsRedactedLikeThePlainOne() {
        assertThat(Redaction.query("X-Amz-%53ignature=abc123&x-amz-security%2Dtoken=FQo&X-Amz-Credential=AKID%2F1"))
                .isEqualTo("X-Amz-%53ignature=<redacted>&x-amz-security%2Dtoken=<redacted>&X-Amz-Credential=AKID%2F1");
        assertThat(Redaction.query("a=%&b=%4")).isEqualTo("a=%&b=%4"); // malformed escapes are kept, not a failure
    }

    @Test
    void aCutBodyEndsOnACharacterBoundaryNeverInAReplacementCharacter() {
        byte[] body = "ab\u00e9\u20ac\ud83d\ude00".getBytes(java.nio.charset.StandardCharsets.UTF_8); // 1+1+2+3+4 bytes
        for (int limit = 0; limit < body.length; limit++) {
            int cut = RequestJournal.characterBoundary(body, limit);
            String text = new String(body, 0, cut, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).as("limit %d", limit).doesNotContain("\ufffd");
            assertThat(cut).as("limit %d", limit).isLessThanOrEqualTo(limit).isGreaterThan(limit - 4);
        }
        assertThat(RequestJournal.characterBoundary(body, 3)).isEqualTo(2); // inside the two-byte e-acute
    }
}
