package dev.mantlemock.contract.mutants;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * WireMock in front of the real mock: it proxies every request and lets the current {@link Mutant}
 * break the correct answer on its way back. Proxying (rather than canned stubs) means every contract
 * gets a genuine, signed, stateful exchange, and only the mutation differs.
 */
public final class MutatingProxy implements AutoCloseable {
    /** Headers Jetty sets itself for the body we hand it. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding");

    private final WireMockServer server;
    private final AtomicReference<Mutant> current = new AtomicReference<>(Mutant.NONE);

    public MutatingProxy(String mockBaseUrl) {
        URI origin = URI.create(mockBaseUrl);
        server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .preserveHostHeader(true) // SigV4 signs Host: the mock must see the one the client signed
                .gzipDisabled(true)
                .disableRequestJournal() // unbounded by default (build notes, trap 10)
                .notifier(new ConsoleNotifier(false))
                .extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(origin.getScheme() + "://" + origin.getAuthority())));
    }

    /** The base URL clients use to reach the mock through the proxy. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/anthropic";
    }

    public void use(Mutant mutant) {
        current.set(mutant);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseTransformerV2 {
        @Override
        public String getName() {
            return "mutant";
        }

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpHeader h : response.getHeaders().all()) {
                headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue());
            }
            var request = serveEvent.getRequest();
            Exchange exchange = new Exchange(URI.create(request.getUrl()).getPath(), request.getBodyAsString(),
                    response.getStatus(), headers, response.getBodyAsString());
            current.get().mutation().accept(exchange);
            List<HttpHeader> out = new ArrayList<>();
            exchange.headers.forEach((k, v) -> {
                if (!FRAMING.contains(k)) {
                    out.add(new HttpHeader(k, v));
                }
            });
            return Response.Builder.like(response).but()
                    .status(exchange.status)
                    .headers(new HttpHeaders(out))
                    .body(exchange.body)
                    .build();
        }
    }
}
