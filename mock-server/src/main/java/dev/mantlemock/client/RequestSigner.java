package dev.mantlemock.client;

import java.net.URI;
import java.util.Map;

/**
 * Adds credentials to a request about to be sent to Mantle (the real endpoint or the mock): SigV4 for
 * {@code bedrock-mantle}, a bearer key, or nothing. Implementations never log or print what they add.
 */
public interface RequestSigner {
    /**
     * The headers to add to the request.
     *
     * @param headers the headers the signature must cover (content-type, anthropic-version, ...)
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body);

    /** For a run's header line: the scheme and where the credentials came from, never the credentials. */
    String describe();

    static RequestSigner none() {
        return new RequestSigner() {
            @Override
            public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
                return Map.of();
            }

            @Override
            public String describe() {
                return "none";
            }
        };
    }

    /** A Bedrock API key (long-term or short-term), sent as {@code Authorization: Bearer}. */
    static RequestSigner bearer(String key, String source) {
        return new RequestSigner() {
            @Override
            public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
                return Map.of("authorization", "Bearer " + key);
            }

            @Override
            public String describe() {
                return "bearer key from " + source;
            }
        };
    }
}
