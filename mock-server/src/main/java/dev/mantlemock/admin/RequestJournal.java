package dev.mantlemock.admin;

import dev.mantlemock.answer.AnswerConformance;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.pipeline.ExchangeObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@link JournalConfig#size} requests, in a fixed ring so memory stays bounded however long
 * the mock runs (an unbounded journal cost WireMock 6 GB). Writers claim a slot with one atomic
 * increment; nothing is locked. Entries are built when the response is complete.
 */
public final class RequestJournal implements ExchangeObserver {
    private final int maxBodyBytes;
    private final AtomicReferenceArray<JournalEntry> ring;
    private final AtomicLong next = new AtomicLong();

    public RequestJournal(JournalConfig config) {
        if (config.size < 0 || config.maxBodyBytes < 0) {
            throw ApiException.of(ApiError.JOURNAL_SIZE_NEGATIVE);
        }
        this.ring = new AtomicReferenceArray<>(config.size);
        this.maxBodyBytes = config.maxBodyBytes;
    }

    public int capacity() {
        return ring.length();
    }

    @Override
    public void completed(Exchange e, Completion c) {
        if (ring.length() == 0) {
            return;
        }
        long seq = next.getAndIncrement();
        ring.set((int) (seq % ring.length()), entry(seq, e, c));
    }

    private JournalEntry entry(long seq, Exchange e, Completion c) {
        HttpRequestView r = e.request();
        byte[] body = r.body() == null ? new byte[0] : r.body();
        boolean cut = body.length > maxBodyBytes;
        String text = new String(body, 0, cut ? characterBoundary(body, maxBodyBytes) : body.length, StandardCharsets.UTF_8);
        String query = Redaction.query(r.rawQuery());
        String path = query == null || query.isEmpty() ? r.rawPath() : r.rawPath() + "?" + query;
        Principal principal = e.peek(Slot.PRINCIPAL);
        ModelSpec model = e.peek(Slot.MODEL);
        InputTokens input = e.peek(Slot.INPUT_TOKENS);
        MessageRequest message = e.peek(Slot.MESSAGE);
        boolean charged = e.endpoint() == Endpoint.MESSAGES && input != null;
        return new JournalEntry(seq, e.receivedAt().toString(), e.requestId(), e.testId(), r.method(), path,
                Redaction.headers(r.headers()), text, body.length, cut, c.status(), c.errorType(),
                principal == null ? null : principal.accountId(),
                model == null ? null : model.id(),
                charged ? input.chargeable() : 0,
                message == null ? 0 : message.maxTokens(),
                c.outputTokens(), c.nanos() / 1e6, e.responseHeaders().get(AnswerConformance.ADAPTED_HEADER));
    }

    /** Entries oldest first, optionally of one test id only, at most {@code limit} of the newest. */
    public List<JournalEntry> entries(String testId, int limit) {
        List<JournalEntry> out = new ArrayList<>();
        long end = next.get();
        long start = Math.max(0, end - ring.length());
        for (long s = start; s < end; s++) {
            JournalEntry entry = ring.get((int) (s % ring.length()));
            if (entry != null && entry.seq() == s && (testId == null || testId.equals(entry.testId()))) {
                out.add(entry);
            }
        }
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }

    public void clear() {
        for (int i = 0; i < ring.length(); i++) {
            ring.set(i, null);
        }
    }

    /** The largest cut at or below {@code limit} that does not split a UTF-8 character (no U+FFFD at the end). */
    static int characterBoundary(byte[] body, int limit) {
        int cut = limit;
        while (cut > 0 && (body[cut] & 0xC0) == 0x80) {
            cut--; // body[cut] continues the character that started before it
        }
        return cut;
    }
}
