package dev.mantlemock.server;

import dev.mantlemock.domain.ApiError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections whose status line carries a reason phrase for the status Jetty has none for:
 * Jetty 12 never passes a reason to its generator, which then writes the code twice ({@code 529 529}).
 * The SDKs read only the code, but a person reading {@code curl -i} or a proxy log should see
 * {@code 529 Overloaded}, as from the real service.
 */
final class ReasonPhrases extends HttpConnectionFactory {
    /** The statuses the mock sends that are not in Jetty's table ({@code HttpStatus}): the line says what the envelope says. */
    private static final Map<Integer, String> PHRASES = Map.of(ApiError.OVERLOADED.status(), ApiError.OVERLOADED.template());

    ReasonPhrases(HttpConfiguration http) {
        super(http);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        WithPhrases connection = new WithPhrases(getHttpConfiguration(), connector, endPoint);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint); // as HttpConnectionFactory does
    }

    private static final class WithPhrases extends HttpConnection {
        WithPhrases(HttpConfiguration http, Connector connector, EndPoint endPoint) {
            super(http, connector, endPoint);
        }

        @Override
        protected HttpGenerator newHttpGenerator() {
            return new Generator();
        }
    }

    private static final class Generator extends HttpGenerator {
        @Override
        public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
                ByteBuffer content, boolean last) throws IOException {
            return super.generateResponse(withPhrase(info), head, header, chunk, content, last);
        }

        private static MetaData.Response withPhrase(MetaData.Response info) {
            String phrase = info == null || info.getReason() != null ? null : PHRASES.get(info.getStatus());
            return phrase == null ? info : new MetaData.Response(info.getStatus(), phrase, info.getHttpVersion(),
                    info.getHttpFields(), info.getContentLength(), info.getTrailersSupplier());
        }
    }
}
