package dev.mantlemock.admin;

import dev.mantlemock.api.HttpRequestView;
import dev.mantlemock.pipeline.Completion;
import dev.mantlemock.pipeline.Exchange;
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
            throw new IllegalArgumentException("journal.size and journal.maxBodyBytes must be 0 or more");
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
        String text = new String(body, 0, cut ? maxBodyBytes : body.length, StandardCharsets.UTF_8);
        String query = Redaction.query(r.rawQuery());
        String path = query == null || query.isEmpty() ? r.rawPath() : r.rawPath() + "?" + query;
        boolean charged = e.endpoint() == dev.mantlemock.pipeline.Endpoint.MESSAGES && e.inputTokens() != null;
        return new JournalEntry(seq, e.receivedAt().toString(), e.requestId(), e.testId(), r.method(), path,
                Redaction.headers(r.headers()), text, body.length, cut, c.status(), c.errorType(),
                e.principal() == null ? null : e.principal().accountId(),
                e.model() != null ? e.model().id() : null,
                charged ? e.inputTokens().chargeable() : 0,
                e.message() != null ? e.message().maxTokens() : 0,
                c.outputTokens(), c.nanos() / 1e6);
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
}
