package dev.mantlemock.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The method is the one on the request line. Javalin routes by {@code X-HTTP-Method-Override} when it
 * is sent, which turned a {@code GET /_mock/reset} (an image tag on a web page) into a reset; here the
 * header is hidden from everything after it, so it is ignored like any header the API does not define.
 */
final class MethodAsSent implements Filter {
    static final String OVERRIDE = "X-HTTP-Method-Override";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(http.getHeader(OVERRIDE) == null ? http : new WithoutOverride(http), response);
    }

    private static final class WithoutOverride extends HttpServletRequestWrapper {
        WithoutOverride(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return OVERRIDE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return OVERRIDE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !OVERRIDE.equalsIgnoreCase(name)).toList());
        }
    }
}
