package dev.mantlemock.auth;

import dev.mantlemock.pipeline.Exchange;
import dev.mantlemock.pipeline.Slot;
import dev.mantlemock.pipeline.Needs;
import dev.mantlemock.pipeline.Stage;

/** Pipeline stage after the model is resolved: 403 when the principal may not call it for this endpoint's action. */
public final class PermissionStage implements Stage {
    private final ModelPermissions permissions;

    public PermissionStage(String region) {
        this.permissions = new ModelPermissions(region);
    }

    @Override
    public Needs needs() {
        return Needs.reads(Slot.PRINCIPAL, Slot.MODEL);
    }

    @Override
    public void process(Exchange exchange) {
        permissions.check(exchange.principal(), exchange.endpoint().iamAction(), exchange.model().id());
    }
}
