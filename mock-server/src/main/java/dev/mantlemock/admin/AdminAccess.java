package dev.mantlemock.admin;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides whether an admin call may proceed. The admin API can reset quotas and inject faults, so a
 * mock reachable from other machines must not expose it without a token.
 */
final class AdminAccess {
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

    /** Why a call is refused, or null when it may proceed. */
    ApiException check(String authorization, String tokenHeader) {
        if (token == null) {
            return loopback ? null : ApiException.of(ApiError.ADMIN_OFF_LOOPBACK, host);
        }
        String presented = tokenHeader != null ? tokenHeader
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim()
                : null;
        if (presented == null) {
            return ApiException.of(ApiError.ADMIN_TOKEN_MISSING);
        }
        if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return ApiException.of(ApiError.ADMIN_TOKEN_INVALID);
        }
        return null;
    }
}
