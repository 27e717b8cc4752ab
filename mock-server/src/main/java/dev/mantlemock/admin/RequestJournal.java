package dev.mantlemock.admin;

import dev.mantlemock.answer.AnswerConformance;
import dev.mantlemock.domain.ClientText;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Completion;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelSpec;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.StreamPlan;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.ExchangeObserver;
import dev.mantlemock.pipeline.Slot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The last {@link JournalConfig#size} requests, in a fixed ring so memory stays bounded however long
 * the mock runs (an unbounded journal cost WireMock 6 GB). Writers claim a slot with one atomic
 * increment; nothing is locked.
 *
 * <p>Why a request is journalled when it <em>enters</em> the pipeline, and why {@link #clear} starts a new
 * generation: a client holds its response a moment before the exchange completes (a stream it closed
 * early completes only when the mock next writes). Journalled at completion, such a request was missing
 * from a read made right after the client returned, and appeared after a reset made in between, in the
 * next test's journal. Now an entry exists before the first response byte is written (shown as pending,
 * status 0, until the exchange completes), and an exchange that entered before a clear stays out of the
 * journal for good, whenever it completes.
 */
public final class RequestJournal implements ExchangeObserver {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final int maxBodyBytes;
    private final AtomicReferenceArray<Record> ring;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();

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
    public Consumer<Completion> started(Exchange e) {
        if (ring.length() == 0) {
            return c -> {};
        }
        long gen = generation.get();
        long seq = next.getAndIncrement();
        Record record = new Record(seq, gen, e);
        ring.set((int) (seq % ring.length()), record);
        return c -> record.complete(entry(seq, e, c));
    }

    /** One slot of the ring: the exchange until it completes, then its entry. */
    private static final class Record {
        final long seq;
        final long generation;
        private volatile Exchange pending;
        private volatile JournalEntry entry;

        Record(long seq, long generation, Exchange pending) {
            this.seq = seq;
            this.generation = generation;
            this.pending = pending;
        }

        void complete(JournalEntry done) {
            entry = done;
            pending = null; // the exchange, its body and its answer may go
        }

        boolean done() {
            return entry != null;
        }
    }

    private JournalEntry entry(long seq, Exchange e, Completion c) {
        HttpRequestView r = e.request();
        byte[] body = r.body() == null ? new byte[0] : r.body();
        boolean cut = body.length > maxBodyBytes;
        String text = new String(body, 0, cut ? characterBoundary(body, maxBodyBytes) : body.length, StandardCharsets.UTF_8);
        String query = Redaction.query(r.rawQuery());
        String path = query == null || query.isEmpty() ? r.rawPath() : r.rawPath() + "?" + query;
        // Read by other threads while pending: only what was received, never the slots a stage is writing.
        Principal principal = c == null ? null : e.peek(Slot.PRINCIPAL);
        ModelSpec model = c == null ? null : e.peek(Slot.MODEL);
        InputTokens input = c == null ? null : e.peek(Slot.INPUT_TOKENS);
        MessageRequest message = c == null ? null : e.peek(Slot.MESSAGE);
        boolean charged = e.endpoint() == Endpoint.MESSAGES && input != null;
        return new JournalEntry(seq, e.receivedAt().toString(), e.requestId(), ClientText.cut(e.testId()), r.method(), path,
                Redaction.headers(r.headers()), text, body.length, cut,
                c == null ? 0 : c.status(), c == null ? null : c.errorType(),
                principal == null ? null : principal.accountId(),
                model == null ? null : model.id(),
                charged ? input.chargeable() : 0,
                message == null ? 0 : message.maxTokens(),
                c == null ? 0 : c.outputTokens(), c == null ? 0 : c.nanos() / 1e6,
                c == null ? null : e.responseHeaders().get(AnswerConformance.ADAPTED_HEADER), c == null,
                c == null ? null : e.peek(Slot.FIXTURE), c == null ? null : e.peek(Slot.FAULT_RULE),
                c == null ? null : streamCut(e), c == null ? java.util.Map.of() : answerHeaders(e));
    }

    /** The interruption a stream fault planned, when the answer was streamed; null otherwise. */
    private static String streamCut(Exchange e) {
        StreamPlan plan = e.peek(Slot.STREAM_PLAN);
        MessageRequest message = e.peek(Slot.MESSAGE);
        if (plan == null || plan.interruption() == StreamPlan.Interruption.NONE || message == null || !message.stream()
                || e.peek(Slot.ANSWER) == null) {
            return null;
        }
        return plan.interruption().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The answer headers a client's retry depends on, and the mock's own: what the kit's verdicts read. */
    private static java.util.Map<String, String> answerHeaders(Exchange e) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        e.responseHeaders().forEach((name, value) -> {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (n.equals("retry-after") || n.equals("retry-after-ms") || n.equals("x-should-retry") || n.startsWith("x-mock-")) {
                out.put(n, value);
            }
        });
        return out;
    }

    /**
     * Entries since the last clear, oldest first (by arrival), optionally of one test id only, at most
     * {@code limit} of the newest. An exchange still being answered is shown pending.
     */
    public List<JournalEntry> entries(String testId, int limit) {
        List<JournalEntry> out = new ArrayList<>();
        String kept = ClientText.cut(testId); // as entries keep it
        long gen = generation.get();
        long end = next.get();
        for (long s = Math.max(0, end - ring.length()); s < end; s++) {
            Record record = ring.get((int) (s % ring.length()));
            if (record == null || record.seq != s || record.generation != gen) {
                continue;
            }
            JournalEntry entry = record.entry;
            Exchange pending = record.pending;
            if (entry == null && pending != null) {
                entry = entry(s, pending, null);
            }
            if (entry != null && (kept == null || kept.equals(entry.testId()))) {
                out.add(entry);
            }
        }
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }

    /**
     * Waits until every exchange that had entered when this was called has completed, or {@code maxNanos}
     * have passed: a read made right after a client returns then shows its request answered, not pending.
     * Returns whether all had completed.
     */
    public boolean settle(long maxNanos) {
        long deadline = System.nanoTime() + maxNanos;
        long gen = generation.get();
        long end = next.get();
        long s = Math.max(0, end - ring.length());
        while (s < end) {
            Record record = ring.get((int) (s % ring.length()));
            if (record == null || record.seq != s || record.generation != gen || record.done()) {
                s++;
            } else if (System.nanoTime() - deadline >= 0) {
                return false;
            } else {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        return true;
    }

    /** Empties the journal; an exchange that entered before this is never journalled, whenever it completes. */
    public void clear() {
        generation.incrementAndGet();
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
