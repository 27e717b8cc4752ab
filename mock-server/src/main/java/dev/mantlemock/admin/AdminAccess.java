package dev.mantlemock.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides whether an admin call may proceed. The admin API can reset quotas and inject faults, so a
 * mock reachable from other machines must not expose it without a token.
 */
final class AdminAccess {
    /** Why a call is refused, or null when it may proceed. */
    record Refusal(int status, String type, String message) {}

    private final byte[] token;
    private final boolean loopback;
    private final String host;

    AdminAccess(String token, String bindHost) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.host = bindHost;
        this.loopback = isLoopback(bindHost);
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false; // Jetty's default is every interface
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    Refusal check(String authorization, String tokenHeader) {
        if (token == null) {
            return loopback ? null : new Refusal(403, "permission_error",
                    "The admin API is disabled because the mock listens on '" + host + "', which is not a loopback address."
                            + " Set an admin token (--admin-token or admin.token in the config) and send it as"
                            + " 'Authorization: Bearer <token>' or 'x-mock-admin-token'.");
        }
        String presented = tokenHeader != null ? tokenHeader
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim()
                : null;
        if (presented == null) {
            return new Refusal(401, "authentication_error",
                    "The admin API requires the admin token as 'Authorization: Bearer <token>' or 'x-mock-admin-token'.");
        }
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, "authentication_error", "The admin token is not valid.");
        }
        return null;
    }
}
