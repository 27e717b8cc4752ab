package dev.mantlemock.quota;

/**
 * What happens when the output-token quota runs out while an answer is being generated. Mantle says
 * generation stops "with a finish reason indicating the cutoff"; which one is not stated.
 */
public enum OutputExhaustion {
    /** Stop generating; the answer ends with {@code stop_reason: max_tokens} (the default). */
    STOP,
    /** Keep generating and let the window overrun (a looser service). */
    CONTINUE
}
