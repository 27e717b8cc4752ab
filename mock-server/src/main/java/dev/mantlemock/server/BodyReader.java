package dev.mantlemock.server;

import dev.mantlemock.api.ApiException;
import dev.mantlemock.api.ErrorTexts;
import dev.mantlemock.api.ErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body up to a limit. A declared length over the limit is refused before a byte is
 * read; a chunked body is refused as soon as it passes the limit, so no body over it is ever held.
 */
final class BodyReader {
    private BodyReader() {}

    /** @param deadlineNanos System.nanoTime() by which the whole body must have arrived */
    static byte[] read(HttpServletRequest request, long limit, long deadlineNanos) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] known = null;
            if (declared >= 0) {
                // The usual case, a Content-Length: read straight into an array of that size (no 16 KB
                // buffer and no copy per request), then make sure the stream really ends there.
                byte[] body = new byte[(int) declared];
                int n = in.readNBytes(body, 0, body.length);
                if (n < body.length) {
                    return Arrays.copyOf(body, n);
                }
                int next = in.read();
                if (next == -1) {
                    return body;
                }
                known = Arrays.copyOf(body, body.length + 1);
                known[body.length] = (byte) next;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(known != null ? known.length * 2 : 1024);
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            if (known != null) {
                total = known.length;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(known);
            }
            for (int n; (n = in.read(buf)) != -1; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    // A client trickling its body holds a thread; it gets a bounded time, not forever.
                    throw new ApiException(ErrorType.INVALID_REQUEST, 408, ErrorTexts.BODY_TOO_SLOW, java.util.Map.of());
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.invalid("The request body could not be read: " + e.getClass().getSimpleName());
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ErrorType.REQUEST_TOO_LARGE, String.format(ErrorTexts.BODY_TOO_LARGE, limit));
    }
}
