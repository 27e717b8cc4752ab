package dev.mantlemock.config;

import dev.mantlemock.domain.ConfigException;
import java.net.URI;
import java.util.Set;

/**
 * The base URL the ready line gives clients. It is the bound address, except where that is no address a
 * client can use: bound to every interface (a container, {@code --host 0.0.0.0}) it is {@code localhost},
 * and behind a port mapping or a compose network only the user knows it ({@code --advertised-url}).
 */
public final class AdvertisedUrl {
    /** How Jetty and users write "every interface". */
    private static final Set<String> EVERY_INTERFACE = Set.of("", "0.0.0.0", "::", "0:0:0:0:0:0:0:0", "[::]");
    private static final String PATH = "/anthropic";

    private AdvertisedUrl() {}

    /** {@code http(s)://host[:port]}, with or without {@code /anthropic}: returned without it and without a final slash. */
    static String check(String url) {
        try {
            URI uri = new URI(url.trim());
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            if ((uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https")))
                    && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
                    && (path.isEmpty() || path.equals(PATH))) {
                return uri.getScheme() + "://" + uri.getRawAuthority();
            }
        } catch (java.net.URISyntaxException e) {
            // the message below says what is expected
        }
        throw new ConfigException("--advertised-url must be http://host:port or https://host:port (optionally ending in"
                + " /anthropic), not '" + url + "'");
    }

    /** What {@code ANTHROPIC_BEDROCK_MANTLE_BASE_URL} should be for a client of this mock. */
    public static String of(MockConfig config, String boundHost, int port) {
        if (config.advertisedUrl != null) {
            return check(config.advertisedUrl) + PATH;
        }
        String host = everyInterface(boundHost) ? "localhost" : boundHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + PATH;
    }

    /** Bound to every interface: the ready line then also says where it listens, since the URL does not. */
    public static boolean everyInterface(String boundHost) {
        return boundHost == null || EVERY_INTERFACE.contains(boundHost);
    }
}
