package dev.mantlemock.auth;

import dev.mantlemock.client.ExamplePrincipal;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code auth:} section of the mock's YAML configuration. Public fields with defaults, so Jackson
 * fills it and a missing section means the defaults: lenient, us-east-1, the AWS example principal.
 */
public class AuthConfig {
    public AuthMode mode = AuthMode.LENIENT;
    /** The region the mock plays (the top-level {@code region}, given through {@link #withRegion}); other scopes are refused. */
    @JsonIgnore
    public String region = ExamplePrincipal.REGION;
    /** Accept credential scope service {@code bedrock} as well as {@code bedrock-mantle} (seen accepted live). */
    @JsonProperty("accept-bedrock-service-scope")
    public boolean acceptBedrockServiceScope = false;
    /** Largest accepted difference between X-Amz-Date and the mock's clock, each way. */
    @JsonProperty("max-clock-skew-seconds")
    public long maxClockSkewSeconds = AuthFacts.DEFAULT_MAX_SKEW.toSeconds();
    /** Signature mismatch answers include the canonical request and string to sign the mock computed. */
    @JsonProperty("debug-signature-mismatch")
    public boolean debugSignatureMismatch = false;
    /**
     * false plays the admin policy the Claude in Amazon Bedrock page recommends: deny
     * bedrock:CallWithBearerToken unless the token is short-term.
     */
    @JsonProperty("allow-long-term-keys")
    public boolean allowLongTermKeys = true;
    public List<PrincipalConfig> principals = new ArrayList<>(List.of(PrincipalConfig.example()));
    @JsonProperty("static-tokens")
    public List<StaticTokenConfig> staticTokens = new ArrayList<>();

    /**
     * A copy that plays {@code region}: the server's one region reaches auth this way, so the caller's
     * config object is never written to.
     */
    public AuthConfig withRegion(String region) {
        AuthConfig copy = new AuthConfig();
        copy.mode = mode;
        copy.region = region;
        copy.acceptBedrockServiceScope = acceptBedrockServiceScope;
        copy.maxClockSkewSeconds = maxClockSkewSeconds;
        copy.debugSignatureMismatch = debugSignatureMismatch;
        copy.allowLongTermKeys = allowLongTermKeys;
        copy.principals = principals;
        copy.staticTokens = staticTokens;
        return copy;
    }

    /** For the start-up line, e.g. {@code auth: lenient}. */
    public String describe() {
        StringBuilder s = new StringBuilder("auth: ").append(mode.wireName());
        if (mode != AuthMode.OFF) {
            s.append(" (region ").append(region).append(", ").append(principals.size()).append(" principal(s), ")
                    .append(staticTokens.size()).append(" static token(s)");
            if (!allowLongTermKeys) {
                s.append(", long-term keys denied");
            }
            if (debugSignatureMismatch) {
                s.append(", signature debug on");
            }
            s.append(')');
        }
        return s.toString();
    }

    /** One IAM identity with SigV4 credentials. */
    public static class PrincipalConfig {
        @JsonProperty("access-key-id")
        public String accessKeyId;
        @JsonProperty("secret-access-key")
        public String secretAccessKey;
        @JsonProperty("account-id")
        public String accountId = ExamplePrincipal.ACCOUNT;
        /** IAM user name shown in ARNs; defaults to the access key id. */
        public String user;
        /** STS-style session tokens valid with this key; when a request carries one it must be listed here. */
        @JsonProperty("session-tokens")
        public List<SessionTokenConfig> sessionTokens = new ArrayList<>();
        /** Model ids or prefixes ending in '*' for every action; empty means all models. */
        public List<String> models = new ArrayList<>();
        /** Per IAM action (e.g. bedrock-mantle:CountTokens), overriding {@link #models}; an empty list denies. */
        public Map<String, List<String>> actions = new LinkedHashMap<>();

        static PrincipalConfig example() {
            PrincipalConfig p = new PrincipalConfig();
            p.accessKeyId = ExamplePrincipal.ACCESS_KEY_ID;
            p.secretAccessKey = ExamplePrincipal.SECRET_ACCESS_KEY;
            return p;
        }

        @Override
        public String toString() { // secrets stay out of logs
            return "PrincipalConfig[" + accessKeyId + ", account " + accountId + "]";
        }
    }

    /** A session token and the instant it stops working (ISO-8601, e.g. 2030-01-01T00:00:00Z; absent = never). */
    public static class SessionTokenConfig {
        public String token;
        @JsonProperty("expires-at")
        public String expiresAt;

        @Override
        public String toString() {
            return "SessionTokenConfig[expiresAt " + expiresAt + "]";
        }
    }

    /** A bearer token accepted as is (in strict mode the only way a long-term or opaque key passes). */
    public static class StaticTokenConfig {
        public String token;
        @JsonProperty("account-id")
        public String accountId = ExamplePrincipal.ACCOUNT;
        public String user = "static-token";
        @JsonProperty("expires-at")
        public String expiresAt;
        public List<String> models = new ArrayList<>();
        public Map<String, List<String>> actions = new LinkedHashMap<>();

        @Override
        public String toString() {
            return "StaticTokenConfig[" + user + ", account " + accountId + "]";
        }
    }
}
