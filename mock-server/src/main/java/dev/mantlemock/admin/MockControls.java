package dev.mantlemock.admin;

import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.faults.FaultsConfig;
import java.time.Clock;

/**
 * The mock's adjustable state, shared by the request path (which reads it) and the admin API (which
 * changes it): quota buckets, fault rules, the journal and the metrics. Built once per server.
 */
public record MockControls(QuotaBook quotas, FaultRules faults, RequestJournal journal, MetricsRegistry metrics) {

    public static MockControls create(QuotaConfig quota, FaultsConfig faultsConfig, JournalConfig journal, Clock clock) {
        QuotaBook quotas = new QuotaBook(quota, clock);
        FaultRules faults = new FaultRules(faultsConfig);
        return new MockControls(quotas, faults, new RequestJournal(journal), new MetricsRegistry(quotas, faults));
    }
}
