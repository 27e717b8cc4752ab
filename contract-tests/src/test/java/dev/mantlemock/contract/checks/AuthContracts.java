package dev.mantlemock.contract.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import dev.mantlemock.contract.Contract;
import dev.mantlemock.contract.Contract.Needs;
import dev.mantlemock.contract.client.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Who may call: both ways in are accepted, and every broken credential is a 401 authentication_error. */
public final class AuthContracts {
    static final String KEY_PREFIX = "bedrock-api-key-";

    private AuthContracts() {}

    public static final Contract SIGV4_ACCEPTED = new Contract("auth.sigv4-accepted", "auth",
            "The SDK signing with IAM credentials (SigV4, service bedrock-mantle) gets a valid message",
            Needs.SIGV4_CREDENTIALS, s -> {
                Message message = s.create(s.sdkWithCredentials(s.sigV4()), Requests.hello(s).build());
                message.validate();
            });

    public static final Contract BEARER_ACCEPTED = new Contract("auth.bearer-key-accepted", "auth",
            "The SDK sending a Bedrock API key (bearer) gets a valid message",
            Needs.NOTHING, s -> {
                Message message = s.create(s.sdkWithKey(s.bearerKey()), Requests.hello(s).build());
                message.validate();
            });

    public static final Contract NO_CREDENTIALS = new Contract("auth.no-credentials", "auth",
            "A request with no credentials at all is a 401 authentication_error",
            Needs.NOTHING, s -> Envelope.expect(s.wire().post("/v1/messages", Requests.rawBody(s, "Hello", 16).toString(), Wire.Auth.NONE),
                    401, "authentication_error"));

    public static final Contract WRONG_SECRET = new Contract("auth.wrong-secret", "auth",
            "A SigV4 signature made with the wrong secret key is a 401 authentication_error (the SDK's UnauthorizedException)",
            Needs.SIGV4_CREDENTIALS, s -> {
                AwsCredentials real = s.sigV4();
                String wrong = real.secretAccessKey() + "x";
                AwsCredentials forged = real instanceof AwsSessionCredentials session
                        ? AwsSessionCredentials.create(real.accessKeyId(), wrong, session.sessionToken())
                        : AwsBasicCredentials.create(real.accessKeyId(), wrong);
                AnthropicServiceException e = s.refusal(s.sdkWithCredentials(forged), c -> c.messages().create(Requests.hello(s).build()));
                assertThat(e).as("exception class").isInstanceOf(UnauthorizedException.class);
                Envelope.expect(e, 401, "authentication_error");
            });

    public static final Contract SKEWED_CLOCK = new Contract("auth.skewed-clock", "auth",
            "A SigV4 request signed with a clock 10 minutes behind is a 401 authentication_error",
            Needs.SIGV4_CREDENTIALS, s -> Envelope.expect(s.wire().post("/v1/messages", Requests.rawBody(s, "Hello", 16).toString(),
                    Wire.Auth.sigV4SignedAt(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)))), 401, "authentication_error"));

    public static final Contract TAMPERED_KEY = new Contract("auth.tampered-key", "auth",
            "A Bedrock API key with one character of its signature changed is a 401 authentication_error",
            Needs.NOTHING, s -> {
                AnthropicServiceException e = s.refusal(s.sdkWithKey(tamper(s.bearerKey())), c -> c.messages().create(Requests.hello(s).build()));
                assertThat(e).as("exception class").isInstanceOf(UnauthorizedException.class);
                Envelope.expect(e, 401, "authentication_error");
            });

    /**
     * Changes the last hex digit of the presigned URL's X-Amz-Signature inside a short-term key, so the
     * key still parses and only its signature is wrong; any other key gets its last character changed.
     */
    static String tamper(String key) {
        if (key.startsWith(KEY_PREFIX)) {
            String url = new String(Base64.getDecoder().decode(key.substring(KEY_PREFIX.length())), StandardCharsets.UTF_8);
            int at = url.indexOf("X-Amz-Signature=");
            if (at >= 0) {
                int last = at + "X-Amz-Signature=".length() + 63;
                char flipped = url.charAt(last) == '0' ? '1' : '0';
                String tampered = url.substring(0, last) + flipped + url.substring(last + 1);
                return KEY_PREFIX + Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8));
            }
        }
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    public static List<Contract> all() {
        return List.of(SIGV4_ACCEPTED, BEARER_ACCEPTED, NO_CREDENTIALS, WRONG_SECRET, SKEWED_CLOCK, TAMPERED_KEY);
    }
}
