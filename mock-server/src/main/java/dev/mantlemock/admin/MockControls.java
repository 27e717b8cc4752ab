package dev.mantlemock.admin;

import dev.mantlemock.faults.FaultRules;
import dev.mantlemock.faults.FaultsConfig;
import dev.mantlemock.fixtures.FixtureCatalogue;
import dev.mantlemock.quota.QuotaBook;
import dev.mantlemock.quota.QuotaConfig;
import dev.mantlemock.tokens.PromptCache;
import java.time.Clock;
import java.util.List;

/**
 * The mock's adjustable state, shared by the request path (which reads it), the admin API and the test
 * kit (which change it): quota buckets, fault rules, the journal, the metrics, the fixtures added at run
 * time and the prompt cache. Built once per server.
 */
public record MockControls(QuotaBook quotas, FaultRules faults, RequestJournal journal, MetricsRegistry metrics,
                           FixtureCatalogue fixtures, PromptCache promptCache) {

    /** What {@link #reset} puts back, in the words the admin API answers with. */
    public static final List<String> RESET = List.of("quotas", "faults", "journal", "metrics", "fixtures", "prompt-cache");

    public static MockControls create(QuotaConfig quota, FaultsConfig faultsConfig, JournalConfig journal,
                                      FixtureCatalogue fixtures, PromptCache promptCache, Clock clock) {
        QuotaBook quotas = new QuotaBook(quota, clock);
        FaultRules faults = new FaultRules(faultsConfig, new FixtureStubs(fixtures));
        return new MockControls(quotas, faults, new RequestJournal(journal), new MetricsRegistry(quotas, faults),
                fixtures, promptCache);
    }

    /**
     * Back to the state the mock started with: configured quotas and rules, empty usage, journal and
     * metrics, no added fixtures, nothing cached. What a test starts from.
     */
    public void reset() {
        quotas.reset();
        faults.reset();
        journal.clear();
        metrics.reset();
        fixtures.clearAdded();
        promptCache.clear();
    }
}
