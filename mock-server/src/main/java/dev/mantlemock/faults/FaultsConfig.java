package dev.mantlemock.faults;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The {@code faults:} section of the YAML config. */
public final class FaultsConfig {
    /** Whether {@code x-mock-fault} is honoured (turn off to test against a mock that ignores it). */
    @JsonProperty("header-enabled")
    public boolean headerEnabled = true;
    /** Seed of probabilistic rules that give none, so a run is reproducible. */
    public long seed = 42;
    /** Rules in force from start (and again after {@code POST /_mock/reset}). */
    public List<FaultRuleSpec> rules = new ArrayList<>();
}
