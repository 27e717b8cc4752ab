package dev.mantlemock.server;

import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.ErrorType;
import dev.mantlemock.domain.Ids;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
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
        String requestId = Ids.requestId();
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField("request-id", requestId));
        fields.put(new HttpField("x-should-retry", "false"));
        return ByteBuffer.wrap(ErrorEnvelope.json(type(status), message(status, reason), requestId));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String requestId = Ids.requestId();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("request-id", requestId);
        response.getHeaders().put("x-should-retry", Boolean.toString(code >= 500));
        response.write(true, ByteBuffer.wrap(ErrorEnvelope.json(type(code), message(code, message), requestId)), callback);
    }

    private static String type(int status) {
        for (ErrorType t : ErrorType.values()) {
            if (t.status() == status) {
                return t.wireName();
            }
        }
        return (status >= 500 ? ErrorType.API : ErrorType.INVALID_REQUEST).wireName();
    }

    /** Jetty's reasons are terse ("Request Header Fields Too Large"); keep them, without internals. */
    private static String message(int status, String reason) {
        if (status == 431) {
            return "Request header fields too large.";
        }
        return reason == null || reason.isBlank() ? "The request could not be read (HTTP " + status + ")." : reason;
    }
}
