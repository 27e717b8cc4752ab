package dev.mantlemock.pipeline;

import java.io.IOException;
import java.util.Map;

/**
 * Where a response goes. The pipeline and the encoders write through this, never through Javalin,
 * so they can be tested without a server and a stream can be written from a timer thread.
 */
public interface ResponseChannel {

    /** Sets status and headers; nothing is sent until the first write. */
    void begin(int status, String contentType, Map<String, String> headers);

    /** Writes a whole body and ends the response. */
    void body(byte[] bytes) throws IOException;

    /**
     * Whether a chunk of a streamed body can be written now. If not, {@code resume} runs once the
     * client has taken what was sent: a client that stops reading holds no thread. Call it before
     * every {@link #chunk} and before {@link #end}. Channels that never block always say yes.
     */
    default boolean writable(Runnable resume) {
        return true;
    }

    /**
     * Before a response waits with nothing sent (a latency fault): runs {@code gone} once if the client
     * closes its connection meanwhile, so the wait can end at once. The connection is not reused after
     * such a response. Channels that cannot tell do nothing.
     */
    default void watchForClose(Runnable gone) {}

    /**
     * Before the response goes on after the call that began it has returned (a wait, a relay, a stream):
     * from here the channel outlives the server's dispatch of the request. Channels that need nothing do nothing.
     */
    default void detach() {}

    /** Writes one chunk of a streamed body and sends it to the client at once. */
    void chunk(byte[] bytes) throws IOException;

    /** Ends a streamed body normally. */
    void end();

    /** Cuts the connection without ending the body, as a crashed upstream would. */
    void abort();
}
