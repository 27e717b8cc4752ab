package dev.mantlemock.contract;

import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.mantlemock.contract.client.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * What one contract run works with: the target, the official SDK pointed at it the way a user would
 * point it, a raw wire client, and a meter that counts every request. One session per contract run,
 * so each result carries its own cost.
 */
public final class Session {
    private final Target target;
    private final Meter meter = new Meter();
    private final Wire wire;
    private final Patience patience;
    private AnthropicClient sdk;

    public Session(Target target) {
        this(target, Patience.of(target));
    }

    public Session(Target target, Patience patience) {
        this.target = target;
        this.patience = patience;
        this.wire = new Wire(target, meter, patience);
    }

    public Target target() {
        return target;
    }

    public String model() {
        return target.model();
    }

    public Meter meter() {
        return meter;
    }

    public Wire wire() {
        return wire;
    }

    /** The SDK as most AWS users configure it: SigV4 from their IAM credentials, else their Bedrock API key. */
    public AnthropicClient sdk() {
        if (sdk == null) {
            sdk = target.hasSigV4() ? sdkWithCredentials(target.sigV4()) : sdkWithKey(target.bearerKey());
        }
        return sdk;
    }

    public AnthropicClient sdkWithCredentials(AwsCredentials credentials) {
        return client(BedrockMantleBackend.builder().awsCredentials(credentials)
                .region(Region.of(target.region())).baseUrl(target.baseUrl()).build());
    }

    public AnthropicClient sdkWithKey(String key) {
        return client(BedrockMantleBackend.builder().apiKey(key).baseUrl(target.baseUrl()).build());
    }

    /** The target's bearer key, or a skip: not every live account hands the suite one. */
    public String bearerKey() {
        if (!target.hasBearerKey()) {
            throw new ContractSkipped("the target has no Bedrock API key (set AWS_BEARER_TOKEN_BEDROCK or give IAM credentials to mint one)");
        }
        return target.bearerKey();
    }

    public AwsCredentials sigV4() {
        if (!target.hasSigV4()) {
            throw new ContractSkipped("the target has no IAM credentials for SigV4 (only a bearer key)");
        }
        return target.sigV4();
    }

    private AnthropicClient client(BedrockMantleBackend backend) {
        // OkHttp's read timeout is per read, so a stream is timed event by event; the request timeout
        // bounds a whole call, which for a stream must outlast many events.
        // Response validation on: an answer the SDK's types do not accept fails the contract, not a later read.
        return AnthropicOkHttpClient.builder().backend(backend).maxRetries(target.maxRetries()).responseValidation(true)
                .timeout(Timeout.builder().connect(patience.connect()).read(patience.read()).write(patience.read())
                        .request(patience.whole()).build())
                .build();
    }

    /** {@code messages.create} through the user's SDK client, counted. */
    public Message create(MessageCreateParams params) {
        return create(sdk(), params);
    }

    public Message create(AnthropicClient client, MessageCreateParams params) {
        meter.request();
        Message message = answered("POST /v1/messages", () -> client.messages().create(params));
        meter.usage(message.usage());
        return message;
    }

    /** An SDK call, whose timeout is reported with the target's name and the request that was not answered. */
    private <T> T answered(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!(e instanceof AnthropicServiceException) && Patience.isTimeout(e)) {
                throw patience.noAnswer(target, what, e);
            }
            throw e;
        }
    }

    /** A streamed create, as the SDK user sees it: every event, and the message the SDK accumulates from them. */
    public record Streamed(List<RawMessageStreamEvent> events, Message message) {}

    public Streamed stream(MessageCreateParams params) {
        meter.request();
        List<RawMessageStreamEvent> events = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        answered("POST /v1/messages (stream)", () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = sdk().messages().createStreaming(params)) {
                stream.stream().forEach(event -> {
                    events.add(event);
                    accumulator.accumulate(event);
                });
            }
            return null;
        });
        Message message = accumulator.message();
        events.forEach(RawMessageStreamEvent::validate); // strictly, as responseValidation does for a JSON answer
        message.validate();
        meter.usage(message.usage());
        return new Streamed(events, message);
    }

    public long countTokens(MessageCountTokensParams params) {
        meter.request();
        return answered("POST /v1/messages/count_tokens", () -> sdk().messages().countTokens(params).inputTokens());
    }

    /** A call that must fail: returns the SDK's exception, or fails the contract if an answer came back. */
    public AnthropicServiceException refusal(Function<AnthropicClient, Object> call) {
        return refusal(sdk(), call);
    }

    public AnthropicServiceException refusal(AnthropicClient client, Function<AnthropicClient, Object> call) {
        meter.request();
        Object answer;
        try {
            answer = answered("the refused request", () -> call.apply(client));
        } catch (AnthropicServiceException e) {
            return e;
        }
        if (answer instanceof Message m) {
            meter.usage(m.usage());
        }
        throw new AssertionError("expected the request to be refused, but it was answered: " + answer);
    }
}
