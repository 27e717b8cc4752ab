package dev.mantlemock.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
/** The {@code journal:} section of the YAML config. The journal is a ring: it never grows past {@link #size}. */
public final class JournalConfig {
    /** Entries kept; the oldest are overwritten. 0 turns the journal off. */
    public int size = 1000;
    /** Request bodies longer than this are cut, with the full length recorded. */
    @JsonProperty("max-body-bytes")
    public int maxBodyBytes = 4096;
}
