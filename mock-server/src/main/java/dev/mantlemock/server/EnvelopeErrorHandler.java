package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.Ids;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (headers too large, a garbled request line, an
 * unreadable request): in the Anthropic envelope with a request id, like every other answer, and
 * never an HTML page or a stack trace.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(refusal(null, status, reason), Ids.requestId());
        fields.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(fields::put);
        return ByteBuffer.wrap(reply.body());
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(refusal(request, code, message), Ids.requestId());
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Every method gets its envelope (Jetty's default writes a body only for GET, POST and HEAD). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /**
     * Jetty's reasons are terse ("Illegal character CNTL=0x1"); kept, but a 500's may name internals. An
     * unreadable request line is the client's fault, whatever Jetty calls it: a request line naming
     * HTTP/0.9 or HTTP/9.9 is a 400, not a 505 the SDKs would retry.
     */
    private static ApiException refusal(Request request, int status, String reason) {
        int code = status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : status;
        ApiException e = code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ? ApiException.of(ApiError.HEADERS_TOO_LARGE)
                : code == HttpStatus.INTERNAL_SERVER_ERROR_500 ? ApiException.of(ApiError.INTERNAL)
                : code == HttpStatus.NOT_FOUND_404 && request != null ? notAvailable(request)
                : ApiException.of(ApiError.REQUEST_REFUSED, code,
                        reason == null || reason.isBlank() ? HttpStatus.getMessage(code) : reason);
        return e.withStatus(code);
    }

    /** {@code OPTIONS *} and the like, which Jetty answers before any route: what any unknown path gets. */
    private static ApiException notAvailable(Request request) {
        String target = request.getHttpURI().getPath();
        return ApiException.of(ApiError.ENDPOINT_NOT_AVAILABLE, request.getMethod(), target == null ? "*" : target);
    }
}
