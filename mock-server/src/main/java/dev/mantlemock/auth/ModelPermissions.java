package dev.mantlemock.auth;

import dev.mantlemock.domain.ApiError;
import dev.mantlemock.domain.ApiException;
import dev.mantlemock.domain.Principal;

/**
 * The IAM decision after the model is known: may this principal perform the endpoint's action on the
 * model? Model resources are named {@code arn:aws:bedrock-mantle:<region>:<account>:model/<model id>}.
 */
public final class ModelPermissions {
    private final String region;

    public ModelPermissions(String region) {
        this.region = region;
    }

    public static String modelArn(String region, String accountId, String modelId) {
        return "arn:aws:bedrock-mantle:" + region + ":" + accountId + ":model/" + modelId;
    }

    /** Throws 403 permission_error naming the action and resource, as AWS deny messages do. */
    public void check(Principal principal, String action, String modelId) {
        if (!principal.models().allows(action, modelId)) {
            throw ApiException.of(ApiError.NOT_AUTHORIZED, principal.arn(), action,
                    modelArn(region, principal.accountId(), modelId));
        }
    }
}
