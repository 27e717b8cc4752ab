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
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(refusal(status, reason), Ids.requestId());
        fields.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(fields::put);
        return ByteBuffer.wrap(reply.body());
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ErrorEnvelope.Reply reply = ErrorEnvelope.reply(refusal(code, message), Ids.requestId());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** Jetty's reasons are terse ("Illegal character CNTL=0x1"); kept, but a 500's may name internals. */
    private static ApiException refusal(int status, String reason) {
        ApiException e = status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 ? ApiException.of(ApiError.HEADERS_TOO_LARGE)
                : status == HttpStatus.INTERNAL_SERVER_ERROR_500 ? ApiException.of(ApiError.INTERNAL)
                : ApiException.of(ApiError.REQUEST_REFUSED, status,
                        reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason);
        return e.withStatus(status);
    }
}
