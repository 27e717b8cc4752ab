package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.ErrorEnvelope;
import dev.mantlemock.domain.Ids;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler of the server is wrapped in: whatever it throws, an {@link Error} included (a class
 * that can no longer be loaded, a stack overflow), ends that exchange with the real service's 500 in the
 * envelope and one log line, and the next request is served. Javalin's own exception mapper re-runs
 * itself when handling an error throws again, which spun a thread forever once the jar was replaced.
 */
final class LastResort {
    private static final Logger LOG = LoggerFactory.getLogger(LastResort.class);

    private LastResort() {}

    static Handler wrap(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Throwable t) {
                answer(ctx, t);
            }
        };
    }

    /** Javalin's handler for an Error thrown outside our handlers: the same 500, never a rethrow. */
    static void answer(HttpServletResponse res, Error error) {
        log(error);
        write(res, null);
    }

    static void answer(Context ctx, Throwable t) {
        log(t);
        write(ctx.res(), ctx);
    }

    /** The class and the message only: the request's path or body may carry a secret. */
    private static void log(Throwable t) {
        try {
            LOG.error("internal error ({}) ended one request with a 500", t.getClass().getName(), t);
        } catch (Throwable ignored) {
            // logging itself failed (its classes may be gone too); the answer still goes out
        }
    }

    private static void write(HttpServletResponse res, Context ctx) {
        try {
            if (res.isCommitted()) {
                return; // a stream already under way: the client sees it cut, as with any 500 mid-stream
            }
            String requestId = res.getHeader("request-id");
            ErrorEnvelope.Reply reply = ErrorEnvelope.reply(ApiException.of(ApiError.INTERNAL),
                    requestId != null ? requestId : Ids.requestId());
            res.resetBuffer();
            res.setStatus(reply.status());
            res.setContentType(reply.contentType());
            reply.headers().forEach(res::setHeader);
            if (ctx != null) {
                ctx.result(reply.body()); // Javalin writes the result after the handlers
            } else {
                res.getOutputStream().write(reply.body());
            }
        } catch (Throwable again) {
            res.setStatus(500); // nothing better can be said; never a rethrow
        }
    }
}
