package dev.mantlemock.auth;

import dev.mantlemock.domain.ModelGrants;
import dev.mantlemock.domain.Principal;

/**
 * Who an unknown-but-plausible caller is in lenient mode: attributed to the default account with every
 * model allowed, since the mock cannot know their real policies. Bearer tokens are named by a short hash.
 */
final class LenientPrincipals {
    private LenientPrincipals() {}

    static Principal forAccessKey(String accessKeyId) {
        return new Principal(accessKeyId, Principal.DEFAULT_ACCOUNT, ModelGrants.ALL);
    }

    static Principal forBearer(String token) {
        return new Principal(redactedId(token), Principal.DEFAULT_ACCOUNT, ModelGrants.ALL);
    }

    /** A stable name for a token that reveals nothing of it. */
    static String redactedId(String token) {
        return "bearer-" + Hashing.sha256Hex(token).substring(0, 12);
    }
}
