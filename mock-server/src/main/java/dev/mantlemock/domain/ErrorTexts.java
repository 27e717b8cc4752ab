package dev.mantlemock.domain;

/**
 * The wording of the mock's own error messages, in one place. Texts quoted from the first-party API
 * or Bedrock where the contract reference has them; the rest follow the same style.
 */
public final class ErrorTexts {
    private ErrorTexts() {}

    public static final String VERSION_REQUIRED = "anthropic-version: header is required";
    public static final String VERSION_UNKNOWN = "anthropic-version: '%s' is not a supported version. Supported versions: %s";
    public static final String CONTENT_TYPE = "content-type: Expected 'application/json', got '%s'";
    public static final String BODY_NOT_JSON = "There was an error parsing the body of your request: %s";
    public static final String BODY_NOT_OBJECT = "Input should be a valid dictionary or object to extract fields from";
    public static final String BODY_TOO_LARGE = "Request exceeds the maximum allowed number of bytes (%d).";
    public static final String FIELD_REQUIRED = "%s: Field required";
    public static final String EXTRA_INPUT = "%s: Extra inputs are not permitted";
    public static final String NOT_SUPPORTED = "%s is not supported on Claude in Amazon Bedrock.";
    public static final String BETA_NOT_SUPPORTED = "anthropic-beta: '%s' is not supported on Claude in Amazon Bedrock (%s).";
    public static final String BETA_UNKNOWN = "anthropic-beta: Unexpected value '%s'.";
    public static final String ENDPOINT_NOT_AVAILABLE =
            "%s %s is not available on Claude in Amazon Bedrock. Supported endpoints: POST /v1/messages and POST /v1/messages/count_tokens.";
    public static final String OVERLOADED = "Overloaded";
    public static final String BODY_TOO_SLOW = "The request body did not arrive in time.";
    public static final String ADMIN_ROUTE_UNKNOWN = "%s %s is not an admin route of the mock (see the README, Admin API).";
    public static final String MODEL_NOT_FOUND = "model: %s is not a model available on Claude in Amazon Bedrock";
    public static final String MAX_TOKENS_OVER_LIMIT = "max_tokens: %d > %d, which is the maximum allowed number of output tokens for %s";
    public static final String PROMPT_TOO_LONG = "prompt is too long: %d tokens > %d maximum";
    public static final String THINKING_BUDGET_MIN = "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
    public static final String THINKING_BUDGET_BELOW_MAX =
            "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
                    + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
    public static final String THINKING_WITH_FORCED_TOOL =
            "Thinking may not be enabled when tool_choice forces tool use.";
    public static final String INTERNAL = "Internal server error";
}
