package dev.mantlemock.admin;

import dev.mantlemock.domain.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code GET /_mock/ui}: the live dashboard, one page with its style and script inline (no script,
 * font or image from anywhere). Its Content-Security-Policy allows exactly that inline style and
 * script (by hash) and connections to this mock only, so even a request body that slipped through as
 * markup could run nothing; no site may frame it.
 */
final class DashboardPage {
    private static final String RESOURCE = "/dev/mantlemock/admin/dashboard.html";

    private final byte[] html;
    private final String policy;

    private DashboardPage(String page) {
        this.html = page.getBytes(StandardCharsets.UTF_8);
        this.policy = "default-src 'none'; script-src '" + hash(between(page, "<script>", "</script>"))
                + "'; style-src '" + hash(between(page, "<style>", "</style>"))
                + "'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** Read once, on the first visit: most runs of the mock never open it. */
    private static final class Holder {
        static final DashboardPage PAGE = new DashboardPage(load());
    }

    static DashboardPage get() {
        return Holder.PAGE;
    }

    String policy() {
        return policy;
    }

    void serve(Context ctx) {
        ctx.header("Content-Security-Policy", policy)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8")
                .result(html);
    }

    private static String load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page is missing from the jar: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String between(String page, String open, String close) {
        int start = page.indexOf(open);
        int end = page.indexOf(close, start);
        if (start < 0 || end < 0 || page.indexOf(open, end) >= 0) {
            throw new IllegalStateException("the dashboard page must have exactly one " + open);
        }
        return page.substring(start + open.length(), end);
    }

    /** A CSP source for inline text: the SHA-256 of its exact characters, as browsers compute it. */
    static String hash(String inline) {
        return "sha256-" + Base64.getEncoder().encodeToString(Json.sha256(inline));
    }
}
