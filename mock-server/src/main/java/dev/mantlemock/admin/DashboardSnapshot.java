package dev.mantlemock.admin;

import dev.mantlemock.domain.ClientText;
import dev.mantlemock.quota.QuotaUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live dashboard draws at one moment, sent as one server-sent event: every quota window's
 * usage, open streams, requests by status (totals and per second since the last snapshot), quota
 * refusals, the newest journal entries and the fault rules in force. Bounded whatever the traffic:
 * at most {@link #QUOTA_ROWS} quota buckets and {@link #JOURNAL_ROWS} rows, each client string cut. Text from requests (bodies,
 * test ids) is sent as JSON strings; the page only ever sets it as text, never as markup.
 */
record DashboardSnapshot(String time, long openStreams, Map<String, Long> requestsTotal,
                         Map<String, Double> requestsPerSecond, Map<String, Long> throttled,
                         List<QuotaUsage> quotas, int quotaBuckets, int journalCapacity, List<Row> journal,
                         List<AdminApi.FaultRuleView> faults) {
    /** Journal entries shown: the newest, enough to watch traffic go by. */
    static final int JOURNAL_ROWS = 20;
    /** Quota buckets shown: the busiest; {@code quotaBuckets} says how many there are in all ({@code /_mock/quotas} has each). */
    static final int QUOTA_ROWS = 50;
    /** Characters of each request body shown. */
    static final int BODY_CHARS = 240;

    /** One journal entry, as much of it as a table row needs. */
    record Row(long seq, String time, String method, String path, int status, String errorType, String account,
               String model, String testId, long inputTokens, long outputTokens, double latencyMillis, String body) {
        static Row of(JournalEntry e) {
            String body = e.body() == null ? "" : e.body();
            return new Row(e.seq(), e.time(), e.method(), ClientText.cut(e.path()), e.status(), e.errorType(),
                    ClientText.cut(e.account()), ClientText.cut(e.model()), ClientText.cut(e.testId()), e.inputTokens(), e.outputTokens(), e.latencyMillis(),
                    ClientText.cut(body, BODY_CHARS));
        }
    }

    private static long used(QuotaUsage q) {
        return q.inputTokens().used() + q.outputTokens().used() + (q.requests() == null ? 0 : q.requests().used());
    }

    /**
     * The mock's state now; rates are the change in each status's total since {@code before} (null on
     * the first snapshot) over {@code seconds}. A reset in between counts as no traffic, not as negative.
     */
    static DashboardSnapshot take(MockControls controls, Map<String, Long> before, double seconds) {
        MetricsRegistry metrics = controls.metrics();
        Map<String, Long> totals = new LinkedHashMap<>();
        metrics.requestsByStatus().forEach((status, n) -> totals.put(Integer.toString(status), n));
        Map<String, Double> perSecond = new LinkedHashMap<>();
        totals.forEach((status, n) -> {
            long previous = before == null ? n : before.getOrDefault(status, 0L);
            perSecond.put(status, seconds > 0 ? Math.max(0, n - previous) / seconds : 0.0);
        });
        RequestJournal journal = controls.journal();
        List<Row> rows = journal.capacity() == 0 ? List.of()
                : journal.entries(null, JOURNAL_ROWS).stream().map(Row::of).toList();
        List<QuotaUsage> buckets = controls.quotas().usage();
        List<QuotaUsage> busiest = buckets.size() <= QUOTA_ROWS ? buckets : buckets.stream()
                .sorted(java.util.Comparator.comparingLong(DashboardSnapshot::used).reversed()).limit(QUOTA_ROWS).toList();
        busiest = busiest.stream().map(q -> new QuotaUsage(ClientText.cut(q.account()), ClientText.cut(q.model()), q.quota(),
                q.windowMillis(), q.inputTokens(), q.outputTokens(), q.requests())).toList();
        return new DashboardSnapshot(java.time.Instant.ofEpochMilli(controls.quotas().now()).toString(),
                metrics.openStreamCount(), totals, perSecond, metrics.throttledByQuota(), busiest, buckets.size(),
                journal.capacity(), rows, controls.faults().list(null).stream().map(AdminApi.FaultRuleView::of).toList());
    }
}
