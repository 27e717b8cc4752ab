package dev.mantlemock.domain;

/** The Mantle endpoints the mock serves, with the IAM action each one needs. */
public enum Endpoint {
    MESSAGES("/v1/messages", "bedrock-mantle:CreateInference"),
    COUNT_TOKENS("/v1/messages/count_tokens", "bedrock-mantle:CountTokens");

    private final String path;
    private final String iamAction;

    Endpoint(String path, String iamAction) {
        this.path = path;
        this.iamAction = iamAction;
    }

    /** The path below {@code /anthropic}. */
    public String path() {
        return path;
    }

    public String iamAction() {
        return iamAction;
    }
}
