package dev.mantlemock.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mantlemock.domain.HttpRequestView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** One case of the official AWS SigV4 suite (aws-c-auth layout), read from test resources. */
record VectorCase(String name, Path dir, JsonNode context) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<VectorCase> all() {
        try {
            Path root = Path.of(VectorCase.class.getResource("/sigv4/v4").toURI());
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.sorted().map(VectorCase::load).toList().stream();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static VectorCase named(String name) {
        return all().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    private static VectorCase load(Path dir) {
        try {
            return new VectorCase(dir.getFileName().toString(), dir, JSON.readTree(dir.resolve("context.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String file(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean normalize() { return context.path("normalize").asBoolean(true); }
    String region() { return context.path("region").asText(); }
    String service() { return context.path("service").asText(); }
    Instant timestamp() { return Instant.parse(context.path("timestamp").asText()); }
    String accessKeyId() { return context.path("credentials").path("access_key_id").asText(); }
    String secret() { return context.path("credentials").path("secret_access_key").asText(); }
    String token() { return context.path("credentials").path("token").asText(null); }
    boolean omitsSessionToken() { return context.path("omit_session_token").asBoolean(false); }

    /** Parses an HTTP/1.1 request text as the suite writes it (folded header lines join with a space). */
    static HttpRequestView parseRequest(String text) {
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        byte[] body = split < 0 ? new byte[0] : text.substring(split + 2).getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(head.split("\n")));
        String requestLine = lines.remove(0);
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int q = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        for (String line : lines) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            last = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
        }
        return new HttpRequestView(method, q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1), headers, body);
    }

    HttpRequestView signedRequest() { return parseRequest(file("header-signed-request.txt")); }
    HttpRequestView presignedRequest() { return parseRequest(file("query-signed-request.txt")); }

    /** A registry that knows this case's key (and session token, when it has one). */
    PrincipalRegistry registry() {
        AuthConfig config = new AuthConfig();
        AuthConfig.PrincipalConfig p = new AuthConfig.PrincipalConfig();
        p.accessKeyId = accessKeyId();
        p.secretAccessKey = secret();
        if (token() != null) {
            AuthConfig.SessionTokenConfig t = new AuthConfig.SessionTokenConfig();
            t.token = token();
            p.sessionTokens.add(t);
        }
        config.principals = List.of(p);
        return new PrincipalRegistry(config);
    }

    @Override
    public String toString() {
        return name;
    }
}
