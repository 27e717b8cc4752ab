package dev.mantlemock.auth;

import dev.mantlemock.domain.HttpRequestView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small edits of a received request, for mutation tests. */
final class Requests {
    private Requests() {}

    static HttpRequestView withHeader(HttpRequestView r, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new HttpRequestView(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    static HttpRequestView withoutHeader(HttpRequestView r, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove(name);
        return new HttpRequestView(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    static HttpRequestView withMethod(HttpRequestView r, String method) {
        return new HttpRequestView(method, r.rawPath(), r.rawQuery(), r.headers(), r.body());
    }

    static HttpRequestView withPath(HttpRequestView r, String path) {
        return new HttpRequestView(r.method(), path, r.rawQuery(), r.headers(), r.body());
    }

    static HttpRequestView withQuery(HttpRequestView r, String query) {
        return new HttpRequestView(r.method(), r.rawPath(), query, r.headers(), r.body());
    }

    static HttpRequestView withBody(HttpRequestView r, byte[] body) {
        return new HttpRequestView(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body);
    }

    static Map<String, List<String>> mutableHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }
}
