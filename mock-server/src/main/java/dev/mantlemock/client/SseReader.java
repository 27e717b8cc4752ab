package dev.mantlemock.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events one at a time, the WHATWG way the official SDKs do: {@code data:} lines joined
 * with a newline, comments and {@code id:}/{@code retry:} ignored, a blank line ends an event. Incremental,
 * so a caller sees each event as it arrives (the recorder relays and times them; tests read them).
 */
public final class SseReader implements AutoCloseable {
    private final BufferedReader lines;

    public SseReader(InputStream stream) {
        this(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    public SseReader(Reader reader) {
        this.lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    /** The next event, or {@code null} at the end of the stream. */
    public SseFrame next() throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseFrame(name == null ? "message" : name, data.toString());
                }
                name = null;
            } else if (line.startsWith("event:")) {
                name = value(line, 6);
            } else if (line.startsWith("data:")) {
                String value = value(line, 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : new SseFrame(name == null ? "message" : name, data.toString());
    }

    /** Every event of a whole body. */
    public static List<SseFrame> parse(String body) {
        List<SseFrame> frames = new ArrayList<>();
        try (SseReader reader = new SseReader(new StringReader(body))) {
            for (SseFrame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a string reader cannot fail", e);
        }
        return frames;
    }

    private static String value(String line, int after) {
        String v = line.substring(after);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
