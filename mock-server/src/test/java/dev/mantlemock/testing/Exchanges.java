package dev.mantlemock.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.domain.InputTokens;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.MessageRequest;
import dev.mantlemock.domain.ModelGrants;
import dev.mantlemock.domain.Principal;
import dev.mantlemock.domain.Endpoint;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.domain.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds exchanges as the stages before quota admission would have left them. */
public final class Exchanges {
    public static final String MODEL = "anthropic.claude-opus-4-7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Endpoint endpoint = Endpoint.MESSAGES;
    private String account = Principal.DEFAULT_ACCOUNT;
    private String model = MODEL;
    private int input = 100;
    private int cacheRead;
    private int maxTokens = 1000;
    private boolean stream;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    public static Exchanges messages() { return new Exchanges(); }

    public static Exchanges countTokens() {
        Exchanges e = new Exchanges();
        e.endpoint = Endpoint.COUNT_TOKENS;
        return e;
    }

    public Exchanges account(String a) { account = a; return this; }
    public Exchanges model(String m) { model = m; return this; }
    public Exchanges inputTokens(int n) { input = n; return this; }
    public Exchanges cacheRead(int n) { cacheRead = n; return this; }
    public Exchanges maxTokens(int n) { maxTokens = n; return this; }
    public Exchanges streaming() { stream = true; return this; }
    public Exchanges header(String name, String value) { headers.put(name.toLowerCase(), List.of(value)); return this; }

    public Exchange build() {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        if (endpoint == Endpoint.MESSAGES) {
            body.put("max_tokens", maxTokens);
            if (stream) {
                body.put("stream", true);
            }
        }
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        Exchange e = new Exchange("req_test", endpoint,
                new HttpRequestView("POST", "/anthropic" + endpoint.path(), "", headers, raw), Instant.EPOCH, System.nanoTime());
        e.principal(new Principal("test", account, ModelGrants.ALL));
        e.body(body);
        e.message(new MessageRequest(body));
        e.model(new ModelSpec(model, 1_000_000, 128_000, 1.0));
        e.inputTokens(new InputTokens(input, 0, 0, cacheRead));
        return e;
    }
}
