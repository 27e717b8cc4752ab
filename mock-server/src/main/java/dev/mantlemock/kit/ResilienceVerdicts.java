package dev.mantlemock.kit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Judges a client's retries from the journal alone: receipt and completion instants the mock recorded,
 * statuses, the retry headers it sent, and which streams a fault cut. A <em>retry</em> is a later request
 * with the same body (compared as canonical JSON). No wall clock of the test is read, so a verdict is the
 * same however slow the machine: a slow machine only lengthens waits, and every time verdict is a lower
 * bound except the attempt count.
 */
final class ResilienceVerdicts {
    private final List<RecordedRequest> requests;
    private final List<String> keys = new ArrayList<>();
    private final Resilience bounds;

    ResilienceVerdicts(List<RecordedRequest> all, Resilience bounds) {
        this.requests = all.stream().filter(r -> r.isMessages() && !r.isPending()).toList();
        this.bounds = bounds;
        requests.forEach(r -> keys.add(key(r)));
    }

    ResilienceReport judge() {
        return new ResilienceReport(List.of(retryAfter(), backoff(), noRetryOfClientErrors(), shouldRetryFalse(), cutStreams()));
    }

    /** After a 429 with {@code retry-after}, the retry arrived at least that long after the 429 was sent. */
    private ResilienceReport.Verdict retryAfter() {
        int judged = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            Optional<Duration> asked = retryAfter(r);
            if (r.status() != 429 || asked.isEmpty() || !retryable(r)) {
                continue;
            }
            int next = retryOf(i);
            if (next < 0) {
                continue; // not retried: the client may give up and say so; nothing to judge
            }
            judged++;
            Duration waited = Duration.between(r.completedAt(), requests.get(next).receivedAt());
            if (waited.compareTo(asked.get().minus(bounds.tolerance())) < 0) {
                failures.add("request " + r.requestId() + " got a 429 with retry-after " + seconds(asked.get())
                        + "; its retry " + requests.get(next).requestId() + " came " + millis(waited) + " later");
            }
        }
        return new ResilienceReport.Verdict(ResilienceReport.RETRY_AFTER, judged, failures);
    }

    /**
     * A 5xx, a 529 or a 429 without {@code retry-after} is retried; each retry waits at least the minimum
     * backoff and no less than three quarters of the wait before it (backoff grows, jitter aside); one
     * request is sent at most {@code maxAttempts} times.
     */
    private ResilienceReport.Verdict backoff() {
        int judged = 0;
        List<String> failures = new ArrayList<>();
        boolean[] seen = new boolean[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            if (seen[i]) {
                continue;
            }
            List<Integer> chain = chainFrom(i);
            chain.forEach(k -> seen[k] = true);
            boolean anyBackoff = chain.stream().anyMatch(k -> backsOff(requests.get(k)));
            if (!anyBackoff) {
                continue;
            }
            judged++;
            RecordedRequest first = requests.get(chain.get(0));
            if (chain.size() > bounds.maxAttempts()) {
                failures.add("request " + first.requestId() + " was sent " + chain.size() + " times, more than the bound of "
                        + bounds.maxAttempts() + " attempts");
            }
            int firstFailure = chain.stream().filter(k -> backsOff(requests.get(k))).findFirst().orElseThrow();
            if (chain.indexOf(firstFailure) == chain.size() - 1) {
                failures.add("the " + requests.get(firstFailure).status() + " of request " + requests.get(firstFailure).requestId()
                        + " was not retried");
            }
            Duration previous = null;
            for (int c = 0; c + 1 < chain.size(); c++) {
                RecordedRequest failed = requests.get(chain.get(c));
                if (!backsOff(failed)) {
                    previous = null; // a wait set by retry-after is no backoff to compare with
                    continue;
                }
                RecordedRequest retry = requests.get(chain.get(c + 1));
                Duration waited = Duration.between(failed.completedAt(), retry.receivedAt());
                if (waited.compareTo(bounds.minBackoff()) < 0) {
                    failures.add("after the " + failed.status() + " of request " + failed.requestId() + " the retry "
                            + retry.requestId() + " came " + millis(waited) + " later, under the least backoff of "
                            + millis(bounds.minBackoff()));
                } else if (previous != null && waited.toNanos() < previous.toNanos() * 3 / 4) {
                    failures.add("after the " + failed.status() + " of request " + failed.requestId() + " the client waited "
                            + millis(waited) + ", less than the " + millis(previous) + " it waited before: no backoff");
                }
                previous = waited;
            }
        }
        return new ResilienceReport.Verdict(ResilienceReport.BACKOFF, judged, failures);
    }

    /** A 4xx no client can cure by retrying (all but 408, 409 and 429) is never sent again. */
    private ResilienceReport.Verdict noRetryOfClientErrors() {
        return neverRetried(ResilienceReport.NO_RETRY_OF_CLIENT_ERRORS,
                r -> r.status() >= 400 && r.status() < 500 && !ErrorEnvelope.shouldRetry(r.status()),
                (r, retry) -> "the " + r.status() + " " + r.errorType() + " of request " + r.requestId() + " was retried by request "
                        + retry.requestId());
    }

    /** An answer of a retryable status that says {@code x-should-retry: false} is not retried. */
    private ResilienceReport.Verdict shouldRetryFalse() {
        return neverRetried(ResilienceReport.SHOULD_RETRY_FALSE, r -> ErrorEnvelope.shouldRetry(r.status()) && !retryable(r),
                (r, retry) -> "the " + r.status() + " of request " + r.requestId() + " said x-should-retry: false, and request "
                        + retry.requestId() + " retried it");
    }

    /** Judges every request {@code applies} to: a failure for each that was sent again, in {@code said}'s words. */
    private ResilienceReport.Verdict neverRetried(String name, Predicate<RecordedRequest> applies,
                                                  BiFunction<RecordedRequest, RecordedRequest, String> said) {
        int judged = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            if (!applies.test(r)) {
                continue;
            }
            judged++;
            int next = retryOf(i);
            if (next >= 0) {
                failures.add(said.apply(r, requests.get(next)));
            }
        }
        return new ResilienceReport.Verdict(name, judged, failures);
    }

    /**
     * A stream a fault cut short was taken as complete when a later request continues its conversation (its
     * messages begin with the cut request's and go on with an assistant turn) and the cut request was not
     * sent again before. A client that gives up with an error, or that uses the partial answer and sends
     * nothing more, leaves nothing to judge: the mock cannot see what the client did with it.
     */
    private ResilienceReport.Verdict cutStreams() {
        int judged = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest cut = requests.get(i);
            if (cut.streamCut().isEmpty()) {
                continue;
            }
            judged++;
            int retry = retryOf(i);
            for (int j = i + 1; j < requests.size() && (retry < 0 || j < retry); j++) {
                if (continues(requests.get(j).body().path("messages"), cut.body().path("messages"))) {
                    failures.add("the stream of request " + cut.requestId() + " was cut (" + cut.streamCut().get()
                            + "), and request " + requests.get(j).requestId()
                            + " went on with the conversation without asking again: the partial answer was taken as complete");
                    break;
                }
            }
        }
        return new ResilienceReport.Verdict(ResilienceReport.CUT_STREAM, judged, failures);
    }

    /** The later messages begin with the earlier ones and go on with an assistant turn. */
    private static boolean continues(JsonNode later, JsonNode earlier) {
        if (later.size() <= earlier.size() || !"assistant".equals(later.get(earlier.size()).path("role").asText())) {
            return false;
        }
        for (int k = 0; k < earlier.size(); k++) {
            if (!later.get(k).equals(earlier.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** A failure a client should retry after its own backoff: 408, 409, 5xx, or a 429 without retry-after. */
    private boolean backsOff(RecordedRequest r) {
        return ErrorEnvelope.shouldRetry(r.status()) && retryable(r) && !(r.status() == 429 && retryAfter(r).isPresent());
    }

    private static boolean retryable(RecordedRequest r) {
        return !r.answerHeader("x-should-retry").map("false"::equalsIgnoreCase).orElse(false);
    }

    private static Optional<Duration> retryAfter(RecordedRequest r) {
        try {
            Optional<Duration> ms = r.answerHeader("retry-after-ms").map(v -> Duration.ofMillis(Long.parseLong(v.trim())));
            return ms.isPresent() ? ms : r.answerHeader("retry-after").map(v -> Duration.ofMillis(Math.round(Double.parseDouble(v.trim()) * 1000)));
        } catch (NumberFormatException httpDate) {
            return Optional.empty(); // the mock sends seconds; a date would come from a stub's header
        }
    }

    /** The request sent at {@code i} and its retries, in order, up to the first complete answer. */
    private List<Integer> chainFrom(int i) {
        List<Integer> chain = new ArrayList<>();
        for (int k = i; k >= 0; k = retryOf(k)) {
            chain.add(k);
            RecordedRequest r = requests.get(k);
            if (r.status() < 300 && r.streamCut().isEmpty()) {
                break; // the same question asked again after an answer is a new question, not a retry
            }
        }
        return chain;
    }

    /** The index of the next request with the same body, or -1. */
    private int retryOf(int i) {
        for (int j = i + 1; j < requests.size(); j++) {
            if (keys.get(j).equals(keys.get(i))) {
                return j;
            }
        }
        return -1;
    }

    private static String key(RecordedRequest r) {
        JsonNode body = r.body();
        return body.isMissingNode() ? r.entry().body() : Json.canonical(body);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
