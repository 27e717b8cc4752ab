package dev.mantlemock.admin;

import dev.mantlemock.config.MockConfig;
import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.quota.QuotaBook;
import java.time.Clock;

/**
 * The mock's adjustable state, shared by the request path (which reads it) and the admin API (which
 * changes it): quota buckets, fault rules, the journal and the metrics. Built once per server.
 */
public record MockControls(QuotaBook quotas, FaultRules faults, RequestJournal journal, MetricsRegistry metrics) {

    public static MockControls create(MockConfig config, Clock clock) {
        QuotaBook quotas = new QuotaBook(config.quota, clock);
        FaultRules faults = new FaultRules(config.faults);
        return new MockControls(quotas, faults, new RequestJournal(config.journal), new MetricsRegistry(quotas, faults));
    }
}
