package dev.mantlemock.client;

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
 * Bounded when asked: a line or an event longer than its limit is a {@link TooLarge}, read no further,
 * so a peer that never ends a line cannot fill the reader's memory.
 */
public final class SseReader implements AutoCloseable {
    /** What the unbounded constructors allow: a whole body already in memory, or a test's stream. */
    private static final int UNBOUNDED = Integer.MAX_VALUE - 16;

    private final Reader in;
    private final int maxLineChars;
    private final int maxEventChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to that line end. */
    private boolean skipNewline;

    public SseReader(InputStream stream) {
        this(stream, UNBOUNDED, UNBOUNDED);
    }

    public SseReader(Reader reader) {
        this(reader, UNBOUNDED, UNBOUNDED);
    }

    /** A reader that refuses a line over {@code maxLineChars} or an event whose data is over {@code maxEventChars}. */
    public SseReader(InputStream stream, int maxLineChars, int maxEventChars) {
        this(new InputStreamReader(stream, StandardCharsets.UTF_8), maxLineChars, maxEventChars);
    }

    private SseReader(Reader reader, int maxLineChars, int maxEventChars) {
        this.in = reader;
        this.maxLineChars = maxLineChars;
        this.maxEventChars = maxEventChars;
    }

    /** A line or an event past its limit: the stream is not read further. */
    public static final class TooLarge extends IOException {
        public TooLarge(String what, int limit) {
            this(what + " longer than " + limit + " characters");
        }

        public TooLarge(String why) {
            super(why);
        }
    }

    /** The next event, or {@code null} at the end of the stream. */
    public SseFrame next() throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line = readLine(); line != null; line = readLine()) {
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
                if (data.length() > maxEventChars) {
                    throw new TooLarge("an event", maxEventChars);
                }
            }
        }
        return data == null ? null : new SseFrame(name == null ? "message" : name, data.toString());
    }

    /** A line without its end ({@code \n}, {@code \r\n} or {@code \r}), or null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == len && !fill()) {
                return line == null ? null : line.toString();
            }
            if (skipNewline) {
                skipNewline = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int taken = pos - start;
            if ((line == null ? 0 : line.length()) + taken > maxLineChars) {
                throw new TooLarge("a line", maxLineChars);
            }
            if (line == null) {
                line = new StringBuilder(Math.max(16, taken));
            }
            line.append(buf, start, taken);
            if (pos < len) {
                skipNewline = buf[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
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
        in.close();
    }
}
