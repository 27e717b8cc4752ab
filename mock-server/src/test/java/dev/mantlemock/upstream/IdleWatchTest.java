package dev.mantlemock.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A socket stands in for the upstream: a peer that stops sending without a reset, or keeps talking. */
@Timeout(30)
class IdleWatchTest {
    @Test
    void aReadBlockedOnASilentUpstreamFailsOnceTheSilenceIsLongEnough() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket upstream = server.accept()) {
            InputStream body = client.getInputStream();
            try (IdleWatch watch = new IdleWatch(body, Duration.ofMillis(200))) {
                upstream.getOutputStream().write('x');
                assertThat(body.read()).isEqualTo('x');
                watch.heard();
                // Nothing more comes, and no reset either: without the watch this read would block for ever.
                assertThatThrownBy(body::read).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void theJdkClientsBodyOfAStalledStreamIsEndedToo() throws Exception {
        // The relay reads with java.net.http, whose body stream waits on a queue that closing alone does not wake.
        com.sun.net.httpserver.HttpServer stalls = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        stalls.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("event: ping\ndata: {\"type\":\"ping\"}\n\n".getBytes());
            exchange.getResponseBody().flush();
            try {
                release.await(); // then silence, the connection open
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalls.start();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + stalls.getAddress().getPort() + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); IdleWatch watch = new IdleWatch(body, Duration.ofMillis(300))) {
                dev.mantlemock.client.SseReader events = new dev.mantlemock.client.SseReader(body);
                assertThat(events.next().name()).isEqualTo("ping");
                watch.heard();
                assertThatThrownBy(events::next).isInstanceOf(IOException.class);
            }
            assertThat(Thread.currentThread().isInterrupted()).as("no stale interrupt left on the thread").isFalse();
        } finally {
            release.countDown();
            stalls.stop(0);
        }
    }

    @Test
    void anUpstreamThatKeepsTalkingIsNeverCutOff() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket upstream = server.accept()) {
            InputStream body = client.getInputStream();
            OutputStream out = upstream.getOutputStream();
            try (IdleWatch watch = new IdleWatch(body, Duration.ofSeconds(2))) {
                for (int i = 0; i < 5; i++) {
                    out.write('y');
                    assertThat(body.read()).isEqualTo('y');
                    watch.heard();
                }
                upstream.shutdownOutput();
                assertThat(body.read()).isEqualTo(-1); // the end of the answer, not a cut
            }
        }
    }
}
