package dev.mantlemock.auth;

import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;

/**
 * Pipeline stage right after the body is read: decides the principal or ends the request with 401/403.
 * "Now" is the exchange's receive time, so auth reads the same injectable clock as the rest of the mock.
 */
public final class AuthStage implements Stage {
    private final RequestAuthenticator authenticator;

    public AuthStage(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public static AuthStage from(AuthConfig config) {
        return new AuthStage(new MantleAuthenticator(config));
    }

    @Override
    public Needs needs() {
        return Needs.provides(Slot.PRINCIPAL);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.principal(authenticator.authenticate(exchange.request(), exchange.receivedAt()));
    }
}
