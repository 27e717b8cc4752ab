package dev.mantlemock.auth;

import dev.mantlemock.domain.ModelGrants;
import dev.mantlemock.domain.Principal;
import java.time.Instant;
import java.util.Collections;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identities the mock knows, built once from {@link AuthConfig}: SigV4 keys (with their session
 * tokens) by access key id, and static bearer tokens. Config mistakes fail at start-up, not per request.
 */
public final class PrincipalRegistry {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** A SigV4 key the mock can verify. {@code sessionTokens} maps token to expiry (null = no expiry). */
    public record KnownKey(String accessKeyId, String secret, Principal principal, Map<String, Instant> sessionTokens) {
        @Override
        public String toString() {
            return "KnownKey[" + accessKeyId + "]";
        }
    }

    /** A bearer token accepted verbatim. */
    public record StaticToken(Principal principal, Instant expiresAt) {}

    private final Map<String, KnownKey> keys = new HashMap<>();
    private final Map<String, StaticToken> tokens = new HashMap<>();

    public PrincipalRegistry(AuthConfig config) {
        for (AuthConfig.PrincipalConfig p : config.principals) {
            require(p.accessKeyId, "auth.principals[].accessKeyId");
            require(p.secretAccessKey, "auth.principals[" + p.accessKeyId + "].secretAccessKey");
            String id = p.user == null || p.user.isBlank() ? p.accessKeyId : p.user;
            Principal principal = new Principal(id, account(p.accountId), grants(p.models, p.actions));
            Map<String, Instant> sessions = new HashMap<>();
            for (AuthConfig.SessionTokenConfig t : p.sessionTokens) {
                require(t.token, "auth.principals[" + p.accessKeyId + "].sessionTokens[].token");
                sessions.put(t.token, instant(t.expiresAt));
            }
            if (keys.put(p.accessKeyId, new KnownKey(p.accessKeyId, p.secretAccessKey, principal, Collections.unmodifiableMap(sessions))) != null) {
                throw new IllegalArgumentException("auth.principals: access key " + p.accessKeyId + " is listed twice");
            }
        }
        for (AuthConfig.StaticTokenConfig t : config.staticTokens) {
            require(t.token, "auth.staticTokens[].token");
            Principal principal = new Principal(t.user, account(t.accountId), grants(t.models, t.actions));
            tokens.put(t.token, new StaticToken(principal, instant(t.expiresAt)));
        }
    }

    public KnownKey key(String accessKeyId) {
        return keys.get(accessKeyId);
    }

    public StaticToken staticToken(String token) {
        return tokens.get(token);
    }

    static ModelGrants grants(List<String> models, Map<String, List<String>> actions) {
        Map<String, Set<String>> byAction = new HashMap<>();
        actions.forEach((action, list) -> byAction.put(action, new HashSet<>(list)));
        return new ModelGrants(new HashSet<>(models), byAction);
    }

    private static String account(String accountId) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("auth: accountId must be 12 digits, not '" + accountId + "'");
        }
        return accountId;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("auth: expiresAt must be ISO-8601 like 2030-01-01T00:00:00Z, not '" + text + "'");
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
