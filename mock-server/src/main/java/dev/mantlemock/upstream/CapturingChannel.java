package dev.mantlemock.upstream;

import dev.mantlemock.pipeline.ResponseChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the mock's own answer goes in compare mode: kept, not sent, so drift can read it beside the upstream's. */
public final class CapturingChannel implements ResponseChannel {
    private final Capture capture;
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

    public CapturingChannel(Capture capture) {
        this.capture = capture;
    }

    @Override
    public void begin(int status, String contentType, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-type", contentType);
        capture.begin(status, all);
    }

    @Override
    public void body(byte[] bytes) {
        capture.body(bytes);
        capture.finish(Capture.Outcome.COMPLETE);
    }

    @Override
    public synchronized void chunk(byte[] bytes) {
        stream.writeBytes(bytes);
    }

    @Override
    public synchronized void end() {
        capture.framesOf(stream.toString(StandardCharsets.UTF_8));
        capture.finish(Capture.Outcome.COMPLETE);
    }

    @Override
    public synchronized void abort() {
        capture.framesOf(stream.toString(StandardCharsets.UTF_8));
        capture.finish(Capture.Outcome.UPSTREAM_DROPPED);
    }
}
