package dev.mantlemock.auth;

import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Stage;

/** Pipeline stage after the model is resolved: 403 when the principal may not call it for this endpoint's action. */
public final class PermissionStage implements Stage {
    private final ModelPermissions permissions;

    public PermissionStage(String region) {
        this.permissions = new ModelPermissions(region);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.model() != null) {
            permissions.check(exchange.principal(), exchange.endpoint().iamAction(), exchange.model().id());
        }
    }
}
