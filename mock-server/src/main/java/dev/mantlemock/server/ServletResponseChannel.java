package dev.mantlemock.server;

import dev.mantlemock.pipeline.ResponseChannel;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** A {@link ResponseChannel} over the servlet response Jetty gives Javalin. */
final class ServletResponseChannel implements ResponseChannel {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AtomicReference<Runnable> resume = new AtomicReference<>();
    private ServletOutputStream streamOut;
    private volatile boolean failed;

    ServletResponseChannel(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public void begin(int status, String contentType, Map<String, String> headers) {
        response.setStatus(status);
        response.setContentType(contentType);
        headers.forEach(response::setHeader);
    }

    @Override
    public void body(byte[] bytes) throws IOException {
        response.setContentLength(bytes.length);
        // After a delay the answer is written from the timer: without blocking, as a stream is.
        ServletOutputStream out = request.isAsyncStarted() ? streamOutput() : response.getOutputStream();
        out.write(bytes);
        out.close();
    }

    /**
     * Jetty reads nothing from a connection while its request is being answered, so a client that
     * closes it goes unnoticed until a write fails. Here the mock asks to hear when the socket turns
     * readable: end of stream or a reset means the client left. (Bytes a client pipelines meanwhile
     * would be consumed here, so the response says the connection closes after it.)
     */
    @Override
    public void watchForClose(Runnable gone) {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        if (core == null) {
            return;
        }
        response.setHeader("connection", "close");
        AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
        async.setTimeout(0);
        EndPoint endPoint = core.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.tryFillInterested(new Callback() {
            @Override
            public void succeeded() {
                try {
                    if (endPoint.fill(BufferUtil.allocate(256)) < 0) {
                        gone.run();
                    } else {
                        endPoint.tryFillInterested(this);
                    }
                } catch (IOException e) {
                    gone.run(); // reset by the peer
                }
            }

            @Override
            public void failed(Throwable cause) {
                if (cause instanceof java.util.concurrent.TimeoutException && endPoint.isOpen()) {
                    endPoint.tryFillInterested(this); // the idle check; a delay may outlast it
                } else {
                    gone.run();
                }
            }
        });
    }

    @Override
    public boolean writable(Runnable resume) {
        ServletOutputStream out = streamOutput();
        this.resume.set(resume); // before asking, so a write-possible signal in between is not lost
        if (failed || out.isReady()) {
            this.resume.compareAndSet(resume, null);
            return true;
        }
        return false;
    }

    @Override
    public void chunk(byte[] bytes) throws IOException {
        if (failed) {
            throw new IOException("the client is gone");
        }
        ServletOutputStream out = streamOutput();
        out.write(bytes);
        // If the write was only buffered, send it now; if not ready, the write is already sending everything.
        if (out.isReady()) {
            out.flush();
        }
    }

    @Override
    public void end() {
        try {
            response.getOutputStream().close();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; the stream is over either way
        }
    }

    @Override
    public void detach() {
        if (!request.isAsyncStarted()) {
            request.startAsync().setTimeout(0);   // no time limit: a paced stream or a fault's delay may run for minutes
        }
    }

    /**
     * A streamed body is written without blocking: the request goes async (with no time limit, as
     * paced streams may run for minutes; the idle timeout still ends dead connections), and each
     * event is written only when the client has taken the last one.
     */
    private ServletOutputStream streamOutput() {
        if (streamOut == null) {
            AsyncContext async = request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
            async.setTimeout(0);
            try {
                streamOut = response.getOutputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            streamOut.setWriteListener(new WriteListener() {
                @Override
                public void onWritePossible() {
                    wake();
                }

                @Override
                public void onError(Throwable t) {
                    failed = true; // the next write fails and the stream ends
                    wake();
                }
            });
        }
        return streamOut;
    }

    private void wake() {
        Runnable r = resume.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public void abort() {
        // Close the TCP connection under the response, so the client sees a stream that just stops.
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        if (core != null) {
            core.getConnectionMetaData().getConnection().getEndPoint().close();
        }
    }
}
