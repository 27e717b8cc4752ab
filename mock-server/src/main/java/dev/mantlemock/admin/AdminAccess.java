package dev.mantlemock.admin;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an admin call may proceed. The admin API can reset quotas, inject faults and read the
 * journal (prompts), so a mock reachable from other machines must not expose it without a token, and
 * no web page may drive it: not cross-origin, not by DNS rebinding, token or not.
 */
final class AdminAccess {
    /** IP literals of the loopback interface; never a name resolved through DNS (that is what rebinding forges). */
    private static final Pattern LOOPBACK_LITERAL = Pattern.compile("127(\\.\\d{1,3}){3}|::1|0:0:0:0:0:0:0:1|localhost");
    /** Methods that change state: a web page can send them without a preflight unless the type is JSON. */
    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

    /** An IP literal in a Host header: typed by a client, never the name of a page's site (no DNS answer makes one). */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*");

    private final byte[] token;
    private final boolean loopback;
    private final String host;
    /**
     * Bound to every interface: the names it is reached by cannot be known, so the token guards it; and
     * behind a container's port mapping the port a client uses is not the one listened on.
     */
    private final boolean wildcard;
    /** Further names it is reached by (a compose service, host.docker.internal), in lower case. */
    private final Set<String> allowedHosts;

    AdminAccess(String token, String bindHost, java.util.List<String> allowedHosts) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.host = bindHost;
        this.loopback = isLoopback(bindHost);
        this.wildcard = bindHost == null || bindHost.isEmpty() || isAnyLocal(bindHost);
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
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

    private static boolean isAnyLocal(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why a call is refused, or null when it may proceed. */
    ApiException check(Context ctx) {
        return check(ctx, false);
    }

    /**
     * The dashboard's page: every check but the token's. A browser cannot send a header when it opens
     * a page, and the page holds no data: everything it shows comes from {@code /_mock/events}, which
     * needs the token like every admin route (the page sends the one given after {@code #token=}).
     */
    ApiException checkPage(Context ctx) {
        return check(ctx, true);
    }

    private ApiException check(Context ctx, boolean page) {
        int port = ctx.req().getLocalPort();
        String hostHeader = ctx.header("Host");
        // Bound to every interface with no names given, the token alone guards (as before names could be given).
        if ((!wildcard || !allowedHosts.isEmpty()) && !addressedHere(hostHeader, port)) {
            return ApiException.of(ApiError.ADMIN_HOST_REFUSED, hostHeader == null ? "none" : "'" + hostHeader + "'");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, port)) {
            return ApiException.of(ApiError.ADMIN_FROM_WEB_PAGE, "Origin '" + origin + "'");
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("none") && !fetchSite.equals("same-origin")) {
            return ApiException.of(ApiError.ADMIN_FROM_WEB_PAGE, "Sec-Fetch-Site '" + fetchSite + "'");
        }
        ApiException refusal = !page ? tokenRefusal(ctx.header("Authorization"), ctx.header("x-mock-admin-token"))
                : token == null && !loopback ? ApiException.of(ApiError.ADMIN_OFF_LOOPBACK, host) : null;
        if (refusal != null) {
            return refusal;
        }
        String method = ctx.req().getMethod();
        String contentType = ctx.header("Content-Type");
        if (WRITES.contains(method) && !isJson(contentType)) {
            return ApiException.of(ApiError.ADMIN_CONTENT_TYPE, method, contentType == null ? "none" : "'" + contentType + "'");
        }
        return null;
    }

    private ApiException tokenRefusal(String authorization, String tokenHeader) {
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

    /**
     * {@code Host} names this mock: localhost, a loopback literal or the bound address, with this port; or a
     * name of {@code admin.allowed-hosts}, or (bound to every interface) any IP literal, with any port, since
     * a port mapping changes the port and no page can make a browser send either.
     */
    private boolean addressedHere(String hostHeader, int port) {
        if (hostHeader == null) {
            return false;
        }
        String name = hostHeader;
        int expectedPort = 80;
        int colon = hostHeader.lastIndexOf(':');
        if (colon > hostHeader.lastIndexOf(']')) {
            name = hostHeader.substring(0, colon);
            try {
                expectedPort = Integer.parseInt(hostHeader.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return reachedAs(name, expectedPort, port);
    }

    private boolean reachedAs(String name, int portUsed, int port) {
        String bare = bare(name);
        if (allowedHosts.contains(bare) || wildcard && (IP_LITERAL.matcher(bare).matches() || knownName(bare))) {
            return true;
        }
        return portUsed == port && knownName(bare);
    }

    private boolean knownName(String name) {
        String bare = bare(name);
        return LOOPBACK_LITERAL.matcher(bare).matches() || bare.equalsIgnoreCase(host);
    }

    private static String bare(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        return bare.toLowerCase(Locale.ROOT);
    }

    /** An {@code Origin} is only acceptable when it is this mock itself (no page is served here, but a tool may say so). */
    private boolean sameOrigin(String origin, int port) {
        try {
            URI uri = URI.create(origin);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return false;
            }
            return reachedAs(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), port);
        } catch (IllegalArgumentException e) {
            return false; // "null" from a sandboxed page, or garbage
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
    }
}
