package dev.mantlemock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.client.SseFrame;
import dev.mantlemock.client.SseReader;
import dev.mantlemock.testing.RawRequest;
import dev.mantlemock.testing.RawResponse;
import dev.mantlemock.testing.RunningMock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live dashboard ({@code GET /_mock/ui}) and its feed ({@code GET /_mock/events}): one page with
 * nothing from elsewhere, a feed that says what the mock is doing, bounded in subscribers and free of
 * leaks, behind the admin API's access rules. (The page in a real browser: load-tests' DashboardBrowserIT.)
 */
@Timeout(60)
class DashboardTest {
    @RegisterExtension
    static final RunningMock mock = RunningMock.perClass();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDashboardIsOnePageThatLoadsNothingFromElsewhereAndRunsOnlyItsOwnScript() {
        HttpResponse<String> page = mock.get("/_mock/ui");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        String html = page.body();
        assertThat(html).doesNotContain(" src=", " href=", "url(", "@import", "EventSource(\"http", "innerHTML",
                "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src '" + DashboardPage.hash(script) + "'",
                "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
    }

    @Test
    void theFeedSendsASnapshotAtOnceAndThenEverySecondWithWhatTheMockDid() throws IOException {
        mock.postMessages("{\"model\":\"" + RunningMock.MODEL + "\",\"max_tokens\":7,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"<script>alert(1)</script>\"}]}", "x-mock-test-id", "dashboard");

        try (Feed feed = Feed.open(http, mock.server().port())) {
            JsonNode first = feed.next();
            JsonNode second = feed.next();

            assertThat(first.path("requestsTotal").path("200").asLong()).isPositive();
            JsonNode bucket = first.path("quotas").get(0);
            assertThat(bucket.path("model").asText()).isEqualTo(RunningMock.MODEL);
            assertThat(bucket.path("inputTokens").path("used").asLong()).isPositive();
            assertThat(bucket.path("inputTokens").path("limit").asLong()).isPositive();
            JsonNode row = lastRow(second, "dashboard");
            assertThat(row.path("body").asText()).contains("<script>alert(1)</script>"); // text; the page sets it as text
            assertThat(row.path("status").asInt()).isEqualTo(200);
            assertThat(second.has("openStreams")).isTrue();
            assertThat(second.path("requestsPerSecond").has("200")).isTrue();
            assertThat(second.path("faults").isArray()).isTrue();
        }
    }

    @Test
    void aPlainGetOfTheFeedIsToldToAskForAnEventStream() {
        RawResponse r = RawRequest.send(mock.server().port(), "GET /_mock/events HTTP/1.1\r\nHost: 127.0.0.1:"
                + mock.server().port() + "\r\nConnection: close\r\n\r\n");
        r.assertEnvelope(400, "invalid_request_error", "send 'Accept: text/event-stream'");
    }

    @Test
    void atMostEightPagesFollowTheFeedAndAClosedPageGivesItsPlaceBack() throws Exception {
        List<Feed> feeds = new ArrayList<>();
        try {
            // Another test's page may still hold a place until its next snapshot finds it gone.
            for (int i = 0; i < LiveFeed.MAX_SUBSCRIBERS; i++) {
                Feed f = openWithinSeconds(15);
                f.next();
                feeds.add(f);
            }
            RawResponse ninth = RawRequest.send(mock.server().port(), "GET /_mock/events HTTP/1.1\r\nHost: 127.0.0.1:"
                    + mock.server().port() + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n");
            ninth.assertEnvelope(429, "rate_limit_error", "8 pages already follow /_mock/events");

            feeds.remove(0).close();
            // The next snapshot to the closed page fails and frees its place: within a few seconds, not never.
            Feed again = openWithinSeconds(15);
            assertThat(again).as("a place freed by a closed page").isNotNull();
            feeds.add(again);
        } finally {
            for (Feed f : feeds) {
                f.close();
            }
        }
    }

    @Test
    void webPagesFromElsewhereGetNeitherThePageNorTheFeed() {
        int port = mock.server().port();
        RawRequest.send(port, "GET /_mock/ui HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nSec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n").assertEnvelope(403, "permission_error", "Sec-Fetch-Site");
        RawRequest.send(port, "GET /_mock/ui HTTP/1.1\r\nHost: rebound.example:" + port
                + "\r\nConnection: close\r\n\r\n").assertEnvelope(403, "permission_error", "Host");
        RawRequest.send(port, "GET /_mock/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: http://evil.example\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                .assertEnvelope(403, "permission_error", "Origin");
    }

    @Test
    void withAnAdminTokenThePageOpensButItsFeedNeedsTheToken() throws IOException {
        try (RunningMock guarded = RunningMock.start(c -> c.admin.token = "s3cret")) {
            int port = guarded.server().port();
            assertThat(guarded.get("/_mock/ui").statusCode()).isEqualTo(200);
            RawRequest.send(port, "GET /_mock/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n").assertEnvelope(401, "authentication_error", "admin token");
            try (Feed feed = Feed.open(http, port, "x-mock-admin-token", "s3cret")) {
                assertThat(feed.next().has("quotas")).isTrue();
            }
        }
    }

    private Feed openWithinSeconds(int seconds) throws IOException, InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        Feed feed = Feed.tryOpen(http, mock.server().port());
        while (feed == null && System.nanoTime() < until) {
            Thread.sleep(200);
            feed = Feed.tryOpen(http, mock.server().port());
        }
        assertThat(feed).as("a place on the feed within " + seconds + " s").isNotNull();
        return feed;
    }

    private static JsonNode lastRow(JsonNode snapshot, String testId) {
        JsonNode found = null;
        for (JsonNode row : snapshot.path("journal")) {
            if (testId.equals(row.path("testId").asText())) {
                found = row;
            }
        }
        assertThat(found).as("a journal row of test " + testId + " in " + snapshot).isNotNull();
        return found;
    }

    /** One page's subscription, read with the project's SSE reader. */
    private record Feed(InputStream body, SseReader reader) implements AutoCloseable {
        static Feed open(HttpClient http, int port, String... headers) throws IOException {
            Feed f = tryOpen(http, port, headers);
            assertThat(f).as("the feed answered 200").isNotNull();
            return f;
        }

        static Feed tryOpen(HttpClient http, int port, String... headers) throws IOException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_mock/events"))
                    .header("Accept", "text/event-stream");
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            try {
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    return null;
                }
                return new Feed(r.body(), new SseReader(r.body()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        JsonNode next() throws IOException {
            SseFrame frame = reader.next();
            assertThat(frame).as("a snapshot event").isNotNull();
            assertThat(frame.name()).isEqualTo("snapshot");
            return frame.json();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
