package dev.mantlemock.api;

import dev.mantlemock.domain.Json;
import dev.mantlemock.domain.HttpRequestView;
import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiVersion;
import dev.mantlemock.domain.ApiException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the headers that shape validation ({@code anthropic-version}, {@code anthropic-beta}) and parses the JSON body. */
public final class RequestParser implements Stage {

    @Override
    public Needs needs() {
        return Needs.provides(Slot.API_VERSION, Slot.BETAS, Slot.BODY);
    }

    @Override
    public void process(Exchange exchange) {
        HttpRequestView request = exchange.request();
        exchange.apiVersion(version(request.header("anthropic-version")));
        exchange.betas(betas(request));
        checkContentType(request.header("content-type"));
        exchange.body(parse(request.body()));
    }

    private static ApiVersion version(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.of(ApiError.VERSION_REQUIRED);
        }
        ApiVersion version = ApiVersion.fromHeader(header.trim());
        if (version == null) {
            String known = Arrays.stream(ApiVersion.values()).map(ApiVersion::header).collect(Collectors.joining(", "));
            throw ApiException.of(ApiError.VERSION_UNKNOWN, header.trim(), known);
        }
        return version;
    }

    /** All {@code anthropic-beta} headers, comma-separated values, trimmed and lower-cased. */
    private static Set<String> betas(HttpRequestView request) {
        var values = request.headers().get("anthropic-beta");
        if (values == null) {
            return Set.of();
        }
        Set<String> betas = new LinkedHashSet<>();
        for (String value : values) {
            for (String beta : value.split(",")) {
                String b = beta.trim().toLowerCase(Locale.ROOT);
                if (!b.isEmpty()) {
                    betas.add(b);
                }
            }
        }
        return betas;
    }

    /** A missing content type is tolerated; a different one is not (curl's form default is a common slip). */
    private static void checkContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            throw ApiException.of(ApiError.CONTENT_TYPE, contentType);
        }
    }

    private static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.of(ApiError.BODY_NOT_JSON, "the body is empty");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.of(ApiError.BODY_NOT_JSON, Json.problem(e));
        } catch (IOException e) {
            throw ApiException.of(ApiError.BODY_NOT_JSON, "unreadable body");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.of(ApiError.BODY_NOT_OBJECT);
        }
        return (ObjectNode) node;
    }
}
