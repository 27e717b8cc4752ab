package dev.mantlemock.domain;

/**
 * Who is calling, once auth has decided. Quotas are kept per account, and the permission stage asks
 * the principal whether it may call a model.
 *
 * @param id        the access key id, or a redacted key id for bearer tokens; never a secret
 * @param accountId the 12-digit AWS account the caller belongs to
 * @param models    the model permissions of the caller
 */
public record Principal(String id, String accountId, ModelGrants models) {

    public static final String DEFAULT_ACCOUNT = "123456789012";

    /** The caller when authentication is off or the key cannot be attributed. */
    public static Principal anonymous() {
        return new Principal("anonymous", DEFAULT_ACCOUNT, ModelGrants.ALL);
    }

    /** The IAM identity as AWS names it in deny messages: {@code arn:aws:iam::<account>:user/<id>}. */
    public String arn() {
        return "arn:aws:iam::" + accountId + ":user/" + id;
    }
}
