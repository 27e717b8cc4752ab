package dev.mantlemock.upstream;

import dev.mantlemock.domain.ConfigException;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where record and compare modes send requests: a base URL ending in {@code /anthropic}, and the region
 * its SigV4 scope needs, read from a {@code bedrock-mantle.{region}.api.aws} host unless given.
 *
 * @param base   the base URL, without a trailing slash and without user info
 * @param region the SigV4 region
 */
public record UpstreamTarget(URI base, String region) {
    private static final Pattern MANTLE_HOST = Pattern.compile("bedrock-mantle\\.([a-z0-9-]+)\\.api\\.aws");

    /** Reads a URL setting; {@code setting} names it in the start-up error. */
    public static UpstreamTarget of(String url, String region, String setting) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + " must be a URL such as https://bedrock-mantle.us-east-1.api.aws/anthropic, not '" + url + "'");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new ConfigException(setting + " must be an http(s) URL such as https://bedrock-mantle.us-east-1.api.aws/anthropic, not '" + url + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigException(setting + " must not carry credentials in the URL; they come from the AWS credential chain"
                    + " or AWS_BEARER_TOKEN_BEDROCK");
        }
        String r = region;
        if (r == null) {
            Matcher m = MANTLE_HOST.matcher(uri.getHost());
            if (!m.matches()) {
                throw new ConfigException(setting + ": the region cannot be read from the host " + uri.getHost()
                        + "; give it with --record-region (record.region)");
            }
            r = m.group(1);
        }
        return new UpstreamTarget(uri, r);
    }

    /** The URL of an endpoint path ({@code /v1/messages}) with the query as the client sent it. */
    public URI resolve(String endpointPath, String rawQuery) {
        return URI.create(base + endpointPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    /** Scheme, host and path: what a log line or a fixture's description may say. */
    public String describe() {
        return base.toString();
    }
}
