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
        ServletOutputStream out = response.getOutputStream();
        out.write(bytes);
        out.close();
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
