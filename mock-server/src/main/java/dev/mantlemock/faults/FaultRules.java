package dev.mantlemock.faults;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.pipeline.Exchange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fault rules in force, first added first matched. Reads are a plain array walk (copy on write),
 * so a mock with no rules pays one volatile read per request.
 */
public final class FaultRules {
    /** Rules in force at most: every request walks them, so thousands would slow every answer. */
    public static final int MAX_RULES = 1_000;

    private final FaultsConfig config;
    private final StubLookup stubs;
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder[] injected = new LongAdder[FaultKind.values().length];
    private volatile FaultRule[] rules = new FaultRule[0];

    public FaultRules(FaultsConfig config) {
        this(config, StubLookup.NONE);
    }

    /** With the fixtures a rule may aim at ({@code stub}). */
    public FaultRules(FaultsConfig config, StubLookup stubs) {
        this.config = config;
        this.stubs = stubs;
        for (int i = 0; i < injected.length; i++) {
            injected[i] = new LongAdder();
        }
        loadConfigured();
    }

    private void loadConfigured() {
        for (FaultRuleSpec spec : config.rules) {
            add(spec);
        }
    }

    public FaultsConfig config() { return config; }

    /** Validates and adds a rule; a 400 ApiException explains what is wrong with it. */
    public synchronized FaultRule add(FaultRuleSpec spec) {
        if (rules.length >= MAX_RULES) {
            throw ApiException.of(ApiError.FAULT_RULES_FULL, MAX_RULES);
        }
        if (spec != null && spec.stub != null && !spec.stub.isBlank() && !stubs.exists(spec.stub)) {
            throw ApiException.of(ApiError.FAULT_STUB_UNKNOWN, spec.stub);
        }
        FaultRule rule = new FaultRule("fault_" + ids.incrementAndGet(), spec, config.seed);
        FaultRule[] next = Arrays.copyOf(rules, rules.length + 1);
        next[next.length - 1] = rule;
        rules = next;
        return rule;
    }

    /** The rules, optionally only those scoped to one test id. */
    public List<FaultRule> list(String testId) {
        List<FaultRule> out = new ArrayList<>();
        for (FaultRule r : rules) {
            if (testId == null || testId.equals(r.testId())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Removes all rules, or only those of one test id; returns how many went. */
    public synchronized int clear(String testId) {
        FaultRule[] before = rules;
        rules = testId == null ? new FaultRule[0]
                : Arrays.stream(before).filter(r -> !testId.equals(r.testId())).toArray(FaultRule[]::new);
        return before.length - rules.length;
    }

    public synchronized boolean remove(String id) {
        FaultRule[] before = rules;
        rules = Arrays.stream(before).filter(r -> !r.id().equals(id)).toArray(FaultRule[]::new);
        return rules.length < before.length;
    }

    /** Back to the configured rules, counters zeroed. */
    public synchronized void reset() {
        rules = new FaultRule[0];
        for (LongAdder a : injected) {
            a.reset();
        }
        loadConfigured();
    }

    /** The first rule that fires for this exchange (consuming one of its times), or null. */
    FaultRule firing(Exchange exchange) {
        for (FaultRule r : rules) {
            if (r.fires(exchange, stubs)) {
                return r;
            }
        }
        return null;
    }

    void countInjected(FaultKind kind) {
        injected[kind.ordinal()].increment();
    }

    public long injected(FaultKind kind) {
        return injected[kind.ordinal()].sum();
    }
}
