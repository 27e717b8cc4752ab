package dev.mantlemock.auth;

/** Step 2 of SigV4: algorithm, timestamp, scope and the hash of the canonical request. */
public final class StringToSign {
    private StringToSign() {}

    public static String build(String amzDate, CredentialScope scope, String canonicalRequest) {
        return AuthFacts.ALGORITHM + '\n' + amzDate + '\n' + scope.scope() + '\n' + Hashing.sha256Hex(canonicalRequest);
    }
}
