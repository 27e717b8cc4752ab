package dev.mantlemock.benchmarks;

import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.auth.AuthConfig;
import dev.mantlemock.auth.AuthMode;
import dev.mantlemock.auth.MantleAuthenticator;
import dev.mantlemock.domain.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mock's authentication entry point ({@link MantleAuthenticator#authenticate}) on the requests a
 * load test sends: a SigV4-signed request from a configured key (signature fully recomputed), the same
 * from an unknown key in lenient mode (every check but the signature), and a configured bearer token.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4VerifierBench {
    static final String KEY_ID = dev.mantlemock.client.ExamplePrincipal.ACCESS_KEY_ID;
    static final String SECRET = dev.mantlemock.client.ExamplePrincipal.SECRET_ACCESS_KEY;
    static final byte[] BODY = ("{\"model\":\"anthropic.claude-haiku-4-5\",\"max_tokens\":256,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}").getBytes(StandardCharsets.UTF_8);

    MantleAuthenticator strict;
    MantleAuthenticator lenient;
    HttpRequestView signedKnown;
    HttpRequestView signedUnknown;
    HttpRequestView bearer;
    Instant now;

    @Setup
    public void setUp() throws Exception {
        AuthConfig strictConfig = new AuthConfig();
        strictConfig.mode = AuthMode.STRICT;
        AuthConfig.StaticTokenConfig token = new AuthConfig.StaticTokenConfig();
        token.token = "bench-static-token";
        strictConfig.staticTokens.add(token);
        strict = new MantleAuthenticator(strictConfig);
        lenient = new MantleAuthenticator(new AuthConfig());
        now = Instant.now();
        signedKnown = sign(KEY_ID, SECRET, now);
        signedUnknown = sign("AKIDUNKNOWNKEY", "not-known-to-the-mock", now);
        Map<String, List<String>> headers = baseHeaders();
        headers.put("authorization", List.of("Bearer bench-static-token"));
        bearer = new HttpRequestView("POST", "/anthropic/v1/messages", "", headers, BODY);
        // fail fast if the fixtures do not authenticate
        if (!strict.authenticate(signedKnown, now).accountId().equals("123456789012")) {
            throw new IllegalStateException("signed request not accepted");
        }
        lenient.authenticate(signedUnknown, now);
        strict.authenticate(bearer, now);
    }

    @Benchmark
    public Principal sigV4KnownKey() {
        return strict.authenticate(signedKnown, now);
    }

    @Benchmark
    public Principal sigV4UnknownKeyLenient() {
        return lenient.authenticate(signedUnknown, now);
    }

    @Benchmark
    public Principal bearerStaticToken() {
        return strict.authenticate(bearer, now);
    }

    static Map<String, List<String>> baseHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8080"));
        headers.put("content-type", List.of("application/json"));
        headers.put("anthropic-version", List.of("2023-06-01"));
        headers.put("content-length", List.of(Integer.toString(BODY.length)));
        return headers;
    }

    /** A header-signed request as the Java SDK sends it (content hash signed), signed independently of the mock's code. */
    static HttpRequestView sign(String keyId, String secret, Instant at) throws Exception {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(at);
        String day = amzDate.substring(0, 8);
        String payloadHash = hex(MessageDigest.getInstance("SHA-256").digest(BODY));
        Map<String, List<String>> headers = baseHeaders();
        headers.put("x-amz-date", List.of(amzDate));
        headers.put("x-amz-content-sha256", List.of(payloadHash));
        String signed = "anthropic-version;content-type;host;x-amz-content-sha256;x-amz-date";
        String canonical = "POST\n/anthropic/v1/messages\n\n"
                + "anthropic-version:2023-06-01\ncontent-type:application/json\nhost:127.0.0.1:8080\n"
                + "x-amz-content-sha256:" + payloadHash + "\nx-amz-date:" + amzDate + "\n\n" + signed + "\n" + payloadHash;
        String scope = day + "/us-east-1/bedrock-mantle/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, "us-east-1");
        k = hmac(k, "bedrock-mantle");
        k = hmac(k, "aws4_request");
        String signature = hex(hmac(k, toSign));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope
                + ", SignedHeaders=" + signed + ", Signature=" + signature));
        return new HttpRequestView("POST", "/anthropic/v1/messages", "", headers, BODY);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
