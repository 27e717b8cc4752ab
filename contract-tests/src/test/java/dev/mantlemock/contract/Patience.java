package dev.mantlemock.contract;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * How long the suite waits for a target before it gives up, and the message it gives up with. A target
 * that accepts connections and never answers (a mock whose jar was replaced under it, a proxy that
 * hangs) must fail the run in seconds with its name, not hold it for the SDK's 10 minutes.
 *
 * @param connect time to open a connection
 * @param read    time between two reads of the answer: for a stream, between two events
 * @param whole   time for a whole exchange where reads cannot be timed one by one (the raw client)
 */
public record Patience(Duration connect, Duration read, Duration whole) {
    /** A mock answers at once; Bedrock may take minutes over a long answer, but never minutes between events. */
    public static Patience of(Target target) {
        return target.name().equals("live")
                ? new Patience(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(300))
                : new Patience(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** Whether a failure is the target not answering in time (as the SDK, OkHttp or java.net.http says it). */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The failure a run reports: which target, which request, and which wait ran out. */
    public IllegalStateException noAnswer(Target target, String what, Throwable cause) {
        return new IllegalStateException("No answer from target '" + target.name() + "' at " + target.baseUrl() + ": " + what
                + " did not answer (connect timeout " + connect.toSeconds() + " s, read timeout " + read.toSeconds()
                + " s per read or stream event, " + whole.toSeconds() + " s for a whole raw exchange)", cause);
    }
}
