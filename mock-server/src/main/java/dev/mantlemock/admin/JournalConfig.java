package dev.mantlemock.admin;

import dev.mantlemock.domain.Bound;
import com.fasterxml.jackson.annotation.JsonProperty;
/** The {@code journal:} section of the YAML config. The journal is a ring: it never grows past {@link #size}. */
public final class JournalConfig {
    /** Entries kept; the oldest are overwritten. 0 turns the journal off. */
    public int size = 1000;
    /** Request bodies longer than this are cut, with the full length recorded. */
    @JsonProperty("max-body-bytes")
    public int maxBodyBytes = 4096;

    static final Bound SIZE = Bound.of("journal.size", 0, 100_000);
    static final Bound MAX_BODY_BYTES = Bound.of("journal.max-body-bytes", 0, 1024 * 1024);

    /** Refuses sizes that would hold the heap hostage (100,000 entries of up to 1 MB each at most). */
    public void check() {
        SIZE.check(size);
        MAX_BODY_BYTES.check(maxBodyBytes);
    }
}
