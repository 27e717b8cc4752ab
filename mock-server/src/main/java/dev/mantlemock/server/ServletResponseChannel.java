package dev.mantlemock.server;

import dev.mantlemock.pipeline.ResponseChannel;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** A {@link ResponseChannel} over the servlet response Jetty gives Javalin. */
final class ServletResponseChannel implements ResponseChannel {
    private final HttpServletRequest request;
    private final HttpServletResponse response;

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
    public void chunk(byte[] bytes) throws IOException {
        ServletOutputStream out = response.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    @Override
    public void end() {
        try {
            response.getOutputStream().close();
        } catch (IOException ignored) {
            // the client is gone; the stream is over either way
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
