package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
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
            return declared >= 0 ? readDeclared(in, (int) declared, deadlineNanos) : readChunked(in, limit, deadlineNanos);
        } catch (IOException e) {
            throw ApiException.of(ApiError.BODY_UNREADABLE); // never the exception's class: it names Jetty internals
        }
    }

    /** The usual case, a Content-Length: straight into an array of that size, no buffer and no copy. */
    private static byte[] readDeclared(InputStream in, int length, long deadlineNanos) throws IOException {
        byte[] body = new byte[length];
        int filled = 0;
        while (filled < length) {
            int n = in.read(body, filled, length - filled);
            if (n == -1) {
                return Arrays.copyOf(body, filled);
            }
            filled += n;
            checkDeadline(deadlineNanos);
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, long limit, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            checkDeadline(deadlineNanos);
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A client trickling its body holds a thread; it gets a bounded time, not forever. */
    private static void checkDeadline(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw ApiException.of(ApiError.BODY_TOO_SLOW);
        }
    }

    private static ApiException tooLarge(long limit) {
        return ApiException.of(ApiError.BODY_TOO_LARGE, limit);
    }
}
