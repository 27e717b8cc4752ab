package dev.mantlemock.auth;

/** What a bearer token is, judged by its format alone. */
public sealed interface BearerKey {
    /** {@code bedrock-api-key-} + base64 of a presigned URL (the scheme stripped, {@code &Version=1} appended). */
    record ShortTerm(String presignedUrl) implements BearerKey {
        @Override
        public String toString() {
            return "ShortTerm[...]";
        }
    }

    /** A long-term key: {@code ABSK} + base64 of {@code BedrockAPIKey-<id>-at-<account>:<secret>}. */
    record LongTerm(String user, String accountId) implements BearerKey {}

    /** Looks like a Bedrock key but cannot be decoded: a copy-paste or encoding bug. */
    record Malformed(String reason) implements BearerKey {}

    /** Any other string: only a configured static token, or lenient mode, lets it pass. */
    record Opaque() implements BearerKey {}
}
