package dev.mantlemock.testing;

import dev.mantlemock.pipeline.ResponseChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A response channel that keeps what was written, for driving the pipeline without a server. */
public final class CapturedResponse implements ResponseChannel {
    public int status = -1;
    public String contentType;
    public final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    public boolean ended;
    public boolean aborted;

    @Override
    public void begin(int status, String contentType, Map<String, String> headers) {
        this.status = status;
        this.contentType = contentType;
        this.headers.putAll(headers);
    }

    @Override
    public void body(byte[] bytes) {
        body.writeBytes(bytes);
        ended = true;
    }

    @Override
    public void chunk(byte[] bytes) {
        body.writeBytes(bytes);
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }

    public String body() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
