package dev.mantlemock.domain;

import static dev.mantlemock.domain.ErrorType.API;
import static dev.mantlemock.domain.ErrorType.AUTHENTICATION;
import static dev.mantlemock.domain.ErrorType.INVALID_REQUEST;
import static dev.mantlemock.domain.ErrorType.NOT_FOUND;
import static dev.mantlemock.domain.ErrorType.PERMISSION;
import static dev.mantlemock.domain.ErrorType.RATE_LIMIT;
import static dev.mantlemock.domain.ErrorType.REQUEST_TOO_LARGE;
import static dev.mantlemock.domain.ErrorType.TIMEOUT;

import java.util.Locale;

/**
 * Every error the mock sends over HTTP, in one table: its type, its status (the type's unless given)
 * and its message as a {@link String#format} template. Entries marked as first-party or AWS wording
 * quote the real service, so a user searching for a message finds the same advice; the rest follow
 * the same style. {@code ErrorCatalogueTest} fails when an error text is written anywhere else.
 */
public enum ApiError {
    // --- Headers and body, before validation
    VERSION_REQUIRED(INVALID_REQUEST, "anthropic-version: header is required"), // first-party wording
    VERSION_UNKNOWN(INVALID_REQUEST, "anthropic-version: '%s' is not a supported version. Supported versions: %s"),
    CONTENT_TYPE(INVALID_REQUEST, "content-type: Expected 'application/json', got '%s'"),
    BODY_NOT_JSON(INVALID_REQUEST, "There was an error parsing the body of your request: %s"),
    BODY_NOT_OBJECT(INVALID_REQUEST, "Input should be a valid dictionary or object to extract fields from"), // first-party (pydantic) wording
    BODY_UNREADABLE(INVALID_REQUEST, "The request body could not be read: the connection ended or failed before the whole body arrived."),
    BODY_TOO_LARGE(REQUEST_TOO_LARGE, "Request exceeds the maximum allowed number of bytes (%d)."), // first-party wording, plus the limit
    /** No Anthropic type means "too slow"; the status says it. */
    BODY_TOO_SLOW(INVALID_REQUEST, 408, "The request body did not arrive in time."),
    HEADERS_TOO_LARGE(INVALID_REQUEST, 431, "Request header fields too large."),
    /** Refusals Jetty makes before any route runs; the status is Jetty's (see ApiException#withStatus). */
    REQUEST_REFUSED(INVALID_REQUEST, "The request could not be read (HTTP %d: %s)."),
    ENDPOINT_NOT_AVAILABLE(NOT_FOUND, "%s %s is not available on Claude in Amazon Bedrock. "
            + "Supported endpoints: POST /anthropic/v1/messages and POST /anthropic/v1/messages/count_tokens."),
    /** The mock is not a proxy: no tunnel is opened, and the connection is closed after this answer. */
    CONNECT_REFUSED(INVALID_REQUEST, 405, "CONNECT is not supported: the mock is an HTTP endpoint, not a proxy."),
    /** A Messages path without the /anthropic prefix: the base URL is missing it, the most common slip. */
    BASE_PATH_MISSING(NOT_FOUND, "%s %s is not available: the Messages API is served under /anthropic. "
            + "Set the base URL to http://%s/anthropic, so that this request goes to %s /anthropic%s."),
    /** A Messages path after a base URL with more than /anthropic (most often ".../anthropic/v1"). */
    BASE_PATH_EXTRA(NOT_FOUND, "%s %s is not available: the base URL has %s after /anthropic, and the client adds %s itself. "
            + "Set the base URL to http://%s/anthropic (drop the %s), so that this request goes to %s /anthropic%s."),
    /** The root or the base URL itself, opened in a browser or probed by a client: where things are. */
    NOT_AN_ENDPOINT(NOT_FOUND, "%s %s is not an endpoint. The Messages API is POST http://%s/anthropic/v1/messages "
            + "(an SDK's base URL: http://%s/anthropic); in a browser, the mock's dashboard is at http://%s/_mock/ui."),
    ADMIN_ROUTE_UNKNOWN(NOT_FOUND, "%s %s is not an admin route of the mock (see docs/admin-api.md)."),

    // --- Body validation: first-party (pydantic) wording, each after the path of the field at fault
    FIELD_REQUIRED(INVALID_REQUEST, "%s: Field required"), // first-party wording
    EXTRA_INPUT(INVALID_REQUEST, "%s: Extra inputs are not permitted"), // first-party wording
    WRONG_TYPE(INVALID_REQUEST, "%s: Input should be a valid %s"), // first-party wording
    NOT_ONE_OF(INVALID_REQUEST, "%s: Input should be %s"), // first-party wording
    BELOW_MINIMUM(INVALID_REQUEST, "%s: Input should be greater than or equal to %s"), // first-party wording
    ABOVE_MAXIMUM(INVALID_REQUEST, "%s: Input should be less than or equal to %s"), // first-party wording
    EMPTY_LIST(INVALID_REQUEST, "%s: List should have at least 1 item after validation, not 0"), // first-party wording
    TOO_MANY_ITEMS(INVALID_REQUEST, "%s: List should have at most %d items after validation, not %d"), // first-party wording
    PATTERN_MISMATCH(INVALID_REQUEST, "%s: String should match pattern '%s'"), // first-party wording
    UNKNOWN_TAG(INVALID_REQUEST,
            "%s: Input tag '%s' found using 'type' does not match any of the expected tags: %s"), // first-party wording
    /** Tool types are open-ended (dated versions), so the expected tags are not listed. */
    UNKNOWN_TOOL_TYPE(INVALID_REQUEST, "%s: Input tag '%s' found using 'type' does not match any of the expected tags"),
    CITATIONS_IN_USER_TURN(INVALID_REQUEST,
            "%s: citations are not allowed on text blocks in user messages under anthropic-version %s"),
    DOCUMENT_IN_ASSISTANT_TURN(INVALID_REQUEST,
            "%s: document blocks are not allowed in assistant messages under anthropic-version %s"),
    FIRST_ROLE_NOT_USER(INVALID_REQUEST, "messages: first message must use the \"user\" role"), // first-party wording (older API)
    ROLES_NOT_ALTERNATING(INVALID_REQUEST, "messages: roles must alternate between \"user\" and \"assistant\", "
            + "but found multiple \"%s\" roles in a row"), // first-party wording (older API)
    EMPTY_TEXT_BLOCK(INVALID_REQUEST, "%s: text content blocks must be non-empty"), // first-party wording ("messages: ...")
    BLANK_TEXT_BLOCK(INVALID_REQUEST, "%s: text content blocks must contain non-whitespace text"), // first-party wording
    EMPTY_CONTENT(INVALID_REQUEST,
            "%s: all messages must have non-empty content except for the optional final assistant message"), // first-party wording
    TOOL_RESULTS_NOT_FIRST(INVALID_REQUEST, "messages.%d: Did not find %d `tool_result` block(s) at the beginning of this "
            + "message. Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks."), // first-party wording (2025)
    IMAGE_TOO_LARGE(INVALID_REQUEST, "%s: image exceeds 5 MB maximum: %d bytes > %d bytes"), // first-party wording
    IMAGE_NOT_MEDIA_TYPE(INVALID_REQUEST, "%s.data: Image does not match the provided media type %s"), // first-party wording (2025)
    IMAGE_MEDIA_TYPE_MISMATCH(INVALID_REQUEST, "%s: The image was specified using the %s media type, "
            + "but the image appears to be a %s image"), // first-party wording (2026)
    IMAGE_DIMENSIONS(INVALID_REQUEST,
            "%s.data: At least one of the image dimensions exceed max allowed size: %d pixels"), // first-party wording
    IMAGE_DIMENSIONS_MANY(INVALID_REQUEST, "%s.data: At least one of the image dimensions exceed max allowed size "
            + "for many-image requests: %d pixels"), // first-party wording
    CLEAR_THINKING_NEEDS_THINKING(INVALID_REQUEST,
            "`clear_thinking_20251015` strategy requires `thinking` to be enabled or adaptive"), // first-party wording (2026)
    /** The documented rule, in the docs' words; the wire text has not been seen. */
    CLEAR_THINKING_NOT_FIRST(INVALID_REQUEST, "%s: `clear_thinking_20251015` must be listed first in the `edits` array"),
    TOOL_NAMES_NOT_UNIQUE(INVALID_REQUEST, "tools: Tool names must be unique."), // first-party wording
    // Schemas of structured outputs and strict tools: first-party wording after the schema's path
    // (output_config.format.schema, output_format.schema, tools.N.custom), research notes sdk-shapes §5.
    STRICT_SCHEMA_MIN_ITEMS(INVALID_REQUEST, "%s: For 'array' type, 'minItems' values other than 0 or 1 are not supported"),
    STRICT_SCHEMA_MAX_ITEMS(INVALID_REQUEST, "%s: For 'array' type, property 'maxItems' is not supported"),
    STRICT_SCHEMA_NUMBER_RANGE(INVALID_REQUEST, "%s: For 'number' type, properties maximum, minimum are not supported"),
    STRICT_SCHEMA_OPEN_OBJECT(INVALID_REQUEST, "%s: For 'object' type, 'additionalProperties' must be explicitly set to false"),
    TOOL_CHOICE_WITHOUT_TOOLS(INVALID_REQUEST,
            "tool_choice: tool_choice.%s may only be specified while providing tools."), // first-party wording
    TOOL_CHOICE_UNKNOWN_TOOL(INVALID_REQUEST, "%s: Tool '%s' not found in tools."),
    TOOL_RESULT_WITHOUT_USE(INVALID_REQUEST, "messages.%d.content.0: unexpected `tool_use_id` found in `tool_result` blocks: %s. "
            + "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."), // first-party wording
    TOOL_USE_WITHOUT_RESULT(INVALID_REQUEST, "messages.%d: `tool_use` ids were found without `tool_result` blocks immediately after: %s. "
            + "Each `tool_use` block must have a corresponding `tool_result` block in the next message."), // first-party wording
    THINKING_BUDGET_NOT_BELOW_MAX(INVALID_REQUEST, "`max_tokens` must be greater than `thinking.budget_tokens`. "
            + "Please consult our documentation at "
            + "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size"), // first-party wording
    THINKING_WITH_FORCED_TOOL(INVALID_REQUEST, "Thinking may not be enabled when tool_choice forces tool use."), // first-party wording
    THINKING_SIGNATURE_INVALID(INVALID_REQUEST,
            "messages.%d.content.%d: Invalid `signature` in `thinking` block"), // first-party wording
    THINKING_BLOCK_MODIFIED(INVALID_REQUEST, "messages.%d.content.%d: `thinking` or `redacted_thinking` blocks in the "
            + "latest assistant message cannot be modified. These blocks must remain as they were in the original "
            + "response."), // first-party wording
    THINKING_BOUND_TO_OTHER_CONVERSATION(INVALID_REQUEST, "messages.%d.content.%d: Invalid `signature` in `thinking` "
            + "block. The block is bound to a different conversation. Remove the block, or set "
            + "`thinking.block_binding.prefix_mismatch_behavior` to \"drop_block\"."), // first-party wording (preserved thinking docs)
    /** The first-party text for a bad {@code data} was not found; modelled on the thinking one. */
    REDACTED_THINKING_INVALID(INVALID_REQUEST, "messages.%d.content.%d: Invalid `data` in `redacted_thinking` block"),
    THINKING_NOT_FIRST(INVALID_REQUEST, "messages.%d.content.0.type: Expected `thinking` or `redacted_thinking`, but "
            + "found `%s`. When `thinking` is enabled, a final `assistant` message must start with a thinking block "
            + "(preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking "
            + "blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our "
            + "documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"), // first-party wording, typo included
    /** The mock's own header, so the mock's own words. */
    STOP_REASON_HEADER_UNKNOWN(INVALID_REQUEST,
            "x-mock-stop-reason: '%s' is not a stop reason the mock can produce; use one of %s"),

    // --- What Claude in Amazon Bedrock offers: features, models, limits
    NOT_SUPPORTED(INVALID_REQUEST, "%s: %s is not supported on Claude in Amazon Bedrock."),
    /** A tool, block or source type the user sent, named exactly, so a search of their code finds it. */
    TYPE_NOT_SUPPORTED(INVALID_REQUEST, "%s: '%s' is not supported on Claude in Amazon Bedrock (%s)."),
    BETA_NOT_SUPPORTED(INVALID_REQUEST, "anthropic-beta: '%s' is not supported on Claude in Amazon Bedrock (%s)."),
    BETA_UNKNOWN(INVALID_REQUEST, "Unexpected value(s) %s for the `anthropic-beta` header. Please consult our "
            + "documentation at platform.claude.com/docs or try again without the header."), // first-party wording
    BETA_NOT_WHITELISTED(INVALID_REQUEST, "invalid beta flag"), // AWS Bedrock runtime wording
    /**
     * The first sentence is the endpoint's; the second says exactly what to do: one or more {@link ModelHint}s
     * (policy.ModelCatalogueStage picks them).
     */
    MODEL_NOT_FOUND(NOT_FOUND, "The model '%s' does not exist. %s"), // bedrock-mantle wording (posit-dev/chatlas#411), then the advice
    MAX_TOKENS_OVER_LIMIT(INVALID_REQUEST,
            "max_tokens: %d > %d, which is the maximum allowed number of output tokens for %s"), // first-party wording
    PROMPT_TOO_LONG(INVALID_REQUEST, "prompt is too long: %d tokens > %d maximum"), // first-party wording

    // --- Each model's own rules (bedrock/models.yaml, enforced by policy.ModelRules)
    THINKING_TYPE_NOT_SUPPORTED(INVALID_REQUEST, "\"thinking.type.%s\" is not supported for this model. "
            + "Use \"thinking.type.adaptive\" and \"output_config.effort\" to control thinking behavior."), // first-party wording
    ADAPTIVE_THINKING_NOT_SUPPORTED(INVALID_REQUEST, "adaptive thinking is not supported on this model"), // first-party wording
    EFFORT_NOT_SUPPORTED(INVALID_REQUEST, "This model does not support the effort parameter"), // first-party wording
    SAMPLING_DEPRECATED(INVALID_REQUEST, "`%s` is deprecated for this model."), // first-party wording
    TEMPERATURE_AND_TOP_P(INVALID_REQUEST,
            "`temperature` and `top_p` cannot both be specified for this model. Please use only one."), // first-party wording
    TEMPERATURE_WITH_THINKING(INVALID_REQUEST,
            "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"), // first-party wording
    TOP_P_WITH_THINKING(INVALID_REQUEST,
            "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled"), // first-party wording
    /** Above the effort cap of thinking disabled (models.yaml disabled-max-effort); observed in a Claude Code issue (models.yaml). */
    EFFORT_OVER_CAP_THINKING_DISABLED(INVALID_REQUEST, "output_config.effort '%s' is not supported when thinking is "
            + "disabled on this model. Use effort '%s' or below, or enable thinking."), // first-party wording
    /** No first-party text found for between_tools; modelled on the one above (docs/inferred-behaviour.md). */
    EFFORT_OVER_CAP_BETWEEN_TOOLS(INVALID_REQUEST, "output_config.effort '%s' is not supported with thinking type "
            + "'between_tools' on this model. Use effort '%s' or below, or use adaptive thinking."),
    FORCED_TOOL_CHOICE_NOT_SUPPORTED(INVALID_REQUEST,
            "tool_choice: type \"tool\" and \"any\" are not supported for this model."), // first-party wording
    SYSTEM_MESSAGE_NOT_SUPPORTED(INVALID_REQUEST, "messages.%d: role 'system' is not supported on this model"), // observed wording, after the path
    /** The placement rules are documented; but for the first, their texts are not: ours, in the same style (docs/inferred-behaviour.md). */
    SYSTEM_MESSAGE_FIRST(INVALID_REQUEST, "messages.0: use the top-level 'system' parameter for the initial system "
            + "prompt; the directive-only form (content: [] with output_config) is accepted at any position"), // observed first-party wording (LeenHawk/gproxy#209)
    SYSTEM_MESSAGE_AFTER_ASSISTANT(INVALID_REQUEST, "messages.%d: a system message must follow a user turn (or an "
            + "assistant turn that ends in a server tool result), not an assistant turn"),
    SYSTEM_MESSAGE_INSIDE_TOOL_USE(INVALID_REQUEST, "messages.%d: a system message cannot come between a `tool_use` "
            + "block and its `tool_result`; put it after the user turn that carries the tool results"),
    SYSTEM_MESSAGE_BEFORE_USER(INVALID_REQUEST, "messages.%d: a system message must be followed by an assistant turn "
            + "or end the messages, not a user turn"),
    PREFILL_NOT_SUPPORTED(INVALID_REQUEST, "This model does not support assistant message prefill. "
            + "The conversation must end with a user message."), // first-party wording
    TOO_MANY_CACHE_BREAKPOINTS(INVALID_REQUEST,
            "A maximum of %d blocks with cache_control may be provided. Found %d."), // first-party wording
    CACHE_TTL_ORDER(INVALID_REQUEST, "%s: a ttl='1h' cache_control block must not come after a ttl='5m' "
            + "cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`."), // first-party wording

    // --- Authentication (401) and permission (403)
    MISSING_AUTHENTICATION(AUTHENTICATION, "Missing Authentication Token"), // AWS wording
    MISSING_PARAMETER(AUTHENTICATION, "Authorization header requires '%s' parameter."), // AWS SigV4 wording
    MALFORMED_AUTHORIZATION(AUTHENTICATION, "Authorization header is malformed: expected "
            + "'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...' or 'Bearer <key>'."),
    MALFORMED_CREDENTIAL(AUTHENTICATION,
            "Credential is malformed: expected '<access key>/<YYYYMMDD>/<region>/<service>/aws4_request', got %d parts."),
    MALFORMED_SIGNATURE(AUTHENTICATION, "Signature must be 64 lower-case hexadecimal characters."),
    MISSING_DATE(AUTHENTICATION,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."), // AWS SigV4 wording
    BAD_DATE_FORMAT(AUTHENTICATION,
            "Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601"), // AWS SigV4 wording
    SCOPE_DATE_MISMATCH(AUTHENTICATION, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
            + "of date from HTTP: '%s' != '%s', from '%s'."), // AWS SigV4 wording
    /** AWS SigV4 wording, then which region the mock plays and how to change it. */
    WRONG_REGION(AUTHENTICATION, "Credential should be scoped to a valid region, not '%s'. This mock answers for '%s';"
            + " start it with --region %s (or region: in the config) to accept that scope."),
    WRONG_SERVICE(AUTHENTICATION, "Credential should be scoped to correct service: '%s'."), // AWS SigV4 wording
    WRONG_TERMINATOR(AUTHENTICATION,
            "Credential should be scoped with a valid terminator: 'aws4_request', not '%s'."), // AWS SigV4 wording
    MUST_SIGN(AUTHENTICATION, "'%s' must be a 'SignedHeader' in the AWS Authorization."), // AWS SigV4 wording
    SIGNED_HEADER_ABSENT(AUTHENTICATION, "Header '%s' is listed in SignedHeaders but is not present in the request."),
    SIGNED_HEADERS_NOT_SORTED(AUTHENTICATION, "SignedHeaders must be lower-case, unique and sorted: '%s'."),
    CONTENT_SHA256_MISMATCH(AUTHENTICATION,
            "The provided 'x-amz-content-sha256' header does not match what was computed."), // AWS SigV4 wording
    SIGNATURE_EXPIRED(AUTHENTICATION, "Signature expired: %s is now earlier than %s (%s - %d min.)"), // AWS SigV4 wording
    SIGNATURE_NOT_YET_CURRENT(AUTHENTICATION,
            "Signature not yet current: %s is still later than %s (%s + %d min.)"), // AWS SigV4 wording
    SIGNATURE_MISMATCH(AUTHENTICATION, Text.SIGNATURE_MISMATCH), // AWS SigV4 wording
    /** Lenient mode with debugging on: what the signer should have signed, as AWS's own debug output shows it. */
    SIGNATURE_MISMATCH_DEBUG(AUTHENTICATION, Text.SIGNATURE_MISMATCH
            + "\n\nThe Canonical String for this request should have been\n'%s'\n\nThe String-to-Sign should have been\n'%s'\n"),
    INVALID_TOKEN(AUTHENTICATION, "The security token included in the request is invalid."), // AWS STS wording
    EXPIRED_TOKEN(AUTHENTICATION, "The security token included in the request is expired"), // AWS STS wording
    INVALID_BEARER(AUTHENTICATION, "Invalid bearer token"),
    MALFORMED_SHORT_TERM(AUTHENTICATION, "Invalid bearer token: the short-term Bedrock API key is malformed (%s)."),
    SHORT_TERM_TOO_LONG(AUTHENTICATION, "Invalid bearer token: X-Amz-Expires must be between 1 and %d seconds, got '%s'."),
    SHORT_TERM_EXPIRED(AUTHENTICATION, "Bearer token expired: %s is now later than %s (%s + %d s)."),
    NOT_AUTHORIZED(PERMISSION, "User: %s is not authorized to perform: %s on resource: %s"), // AWS IAM wording
    EXPLICIT_DENY_LONG_TERM(PERMISSION, "User: %s is not authorized to perform: %s with an explicit deny in an "
            + "identity-based policy (long-term Bedrock API keys are not allowed; use a short-term key)"), // AWS IAM wording, plus the why

    // --- Quotas and injected faults
    TOO_MANY_TOKENS(RATE_LIMIT, "Too many tokens, please wait before trying again."), // AWS Bedrock wording
    TOO_MANY_REQUESTS(RATE_LIMIT, "Too many requests, please wait before trying again."), // AWS Bedrock wording
    /** A 400, not a 429: waiting would never help, and SDKs must not retry it. */
    OVER_WHOLE_QUOTA(INVALID_REQUEST, "This request needs %d input tokens per quota window (%d input + %d max_tokens), "
            + "more than the whole input-token quota of %d for model %s; it can never be admitted. "
            + "Lower max_tokens or raise the quota."),
    OVERLOADED(ErrorType.OVERLOADED, "Overloaded"), // first-party wording
    INTERNAL(API, "Internal server error"), // first-party wording
    TIMED_OUT(TIMEOUT, "Request timed out"),
    /** A fixture's own error: type, status and message come from the fixture (ApiException#scripted). */
    SCRIPTED(API, "%s"),
    /** A test that names a scenario the mock does not have would pass by not injecting anything: refuse it. */
    UNKNOWN_SCENARIO(INVALID_REQUEST, "x-mock-scenario: no fixture answers the scenario '%s'. Scenarios loaded: %s. "
            + "Start the mock with --fixtures DIR (or the default, --fixtures shipped) to load yours."),
    /**
     * A fixture's regex ran past its step budget on this request's text (catastrophic backtracking): the
     * mock stops it rather than hold a worker for minutes. A 400, so SDKs do not retry it three times.
     */
    FIXTURE_REGEX_TOO_SLOW(INVALID_REQUEST, "fixture '%s' (%s): its regex took more than %d steps on this request's text "
            + "and was stopped. Simplify the regex (nested repetition backtracks exponentially; a leading .* is quadratic on long text) or use 'contains'."),
    /** Every fixture's regexes together ran past the request's budget (fixture-limits.max-match-steps). */
    FIXTURES_TOO_SLOW(INVALID_REQUEST, "the fixtures' regexes together took more than %d steps on this request's text "
            + "(fixture-limits.max-match-steps); fixture '%s' (%s) was running when they were stopped. Use fewer regex "
            + "fixtures, 'contains', or a model or tool condition before the regex."),
    /** Replay with {@code record.on-miss: fail}: a test must not pass on an answer nobody recorded. */
    REPLAY_MISS(NOT_FOUND, "No recorded answer matches this request (record.on-miss: fail). Nearest recordings: %s. "
            + "Record it (--record-from URL --on-miss record), or relax the match with record.ignore (JSON pointers)."),
    /** Record and compare modes: the upstream could not be asked; the client gets this instead of its answer. */
    UPSTREAM_UNREACHABLE(API, 502, "The upstream %s did not answer: %s"),
    /** Record and compare modes: a JSON answer over upstream.max-body-bytes is not held; the connection is closed. */
    UPSTREAM_TOO_LARGE(API, 502, "The upstream %s answered with more than %d bytes (upstream.max-body-bytes); the answer "
            + "was not relayed or recorded"),
    /** Record and compare modes: a stream whose first event is already over a limit; nothing was sent yet. */
    UPSTREAM_STREAM_TOO_LARGE(API, 502, "The upstream %s sent %s (upstream.max-line-bytes, upstream.max-event-bytes); "
            + "the stream was not relayed or recorded"),
    /** Record and compare modes: a silent or endless upstream answer is cut at upstream.answer-timeout-seconds. */
    UPSTREAM_TOO_SLOW(TIMEOUT, "The upstream %s sent no status line within %s s (10 minutes, or upstream.answer-timeout-seconds if shorter)"),
    /** Record and compare modes: every relay thread busy and the queue in front of them full. */
    UPSTREAM_BUSY(RATE_LIMIT, "Too many requests to the upstream at once: %d relayed and %d waiting (upstream.max-relays, "
            + "upstream.max-queued); retry shortly"),
    /** Record and compare modes: the user's own credentials for the upstream could not be found or used. */
    UPSTREAM_CREDENTIALS(API, "The mock could not sign the request for the upstream %s: %s. Set AWS credentials "
            + "(AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO, a role) or AWS_BEARER_TOKEN_BEDROCK where the mock runs.", Retry.NEVER),
    /**
     * An answer (a fixture's, a stub's, a recording's) that Bedrock could not send for this request: the
     * mock's own setup is wrong, so a 500 the SDKs do not retry (see {@link #retried}).
     */
    ANSWER_BREAKS_RULE(API, "Mock error: the answer of %s breaks a rule for this request: %s. Bedrock could not "
            + "send that answer; fix it (java -jar mock-server.jar --check-fixtures DIR lists such fixtures) or "
            + "send a request it fits. See docs/fixtures.md#answers-obey-the-request.", Retry.NEVER),
    FAULT_HEADER_NOT_A_NUMBER(INVALID_REQUEST, "x-mock-fault: '%s' has a parameter that is not a number"),
    FAULT_HEADER_UNKNOWN_PARAMETER(INVALID_REQUEST, "x-mock-fault: unknown parameter '%s' (known: %s)"),
    FAULT_HEADER_NEEDS_STREAM(INVALID_REQUEST, "x-mock-fault: '%s' needs a streaming request (\"stream\": true)"),
    /** A rule the header describes is invalid: the rule's own message, said as the header's. */
    FAULT_HEADER_INVALID(INVALID_REQUEST, "x-mock-fault: %s"),

    // --- Settings: 400s of the admin API (and the start-up error when they come from the config)
    SETTING_INVALID(INVALID_REQUEST, "'%s' must be %s, was %s"),
    FAULT_UNKNOWN(INVALID_REQUEST, "unknown fault '%s'; known faults: %s"),
    FAULT_STUB_UNKNOWN(INVALID_REQUEST, "the fault rule names stub '%s', but no fixture of that name is loaded or added (GET /_mock/fixtures lists the added ones)"),
    FAULT_RULES_FULL(INVALID_REQUEST, "at most %d fault rules may be in force; remove some first (DELETE /_mock/faults)"),
    FIXTURES_FULL(INVALID_REQUEST, "at most %d fixtures may be added at run time; remove them first (DELETE /_mock/fixtures)"),
    FIXTURE_INVALID(INVALID_REQUEST, "the fixture is not valid: %s"),
    FIXTURE_TOO_LARGE(REQUEST_TOO_LARGE, "the fixture is %d bytes as JSON, more than fixture-limits.max-added-bytes (%d)"),
    FIXTURES_TOO_LARGE(REQUEST_TOO_LARGE, "the fixtures added at run time would hold %d bytes, more than "
            + "fixture-limits.max-added-total-bytes (%d); remove some first (DELETE /_mock/fixtures)"),
    FAULT_KIND_REQUIRED(INVALID_REQUEST, "a fault rule needs a 'kind', one of: %s"),
    QUOTA_WINDOW_TOO_SHORT(INVALID_REQUEST, "a quota window must be at least 1 ms"),
    JOURNAL_SIZE_NEGATIVE(INVALID_REQUEST, "journal.size and journal.maxBodyBytes must be 0 or more"),

    // --- Admin routes
    ADMIN_OFF_LOOPBACK(PERMISSION, "The admin API is disabled because the mock listens on '%s', which is not a "
            + "loopback address. Set an admin token (--admin-token, MANTLE_MOCK_ADMIN_TOKEN or admin.token in the config) "
            + "and send it as "
            + "'Authorization: Bearer <token>' or 'x-mock-admin-token'."),
    /** DNS rebinding: a page on a name that resolves to 127.0.0.1 reaches the mock with its own name as Host. */
    ADMIN_HOST_REFUSED(PERMISSION, "The admin API answers only requests addressed to this mock (Host: localhost, a "
            + "loopback address or the address it listens on, with its port, or a name given in --admin-allowed-hosts, "
            + "MANTLE_MOCK_ADMIN_ALLOWED_HOSTS or admin.allowed-hosts); Host was %s."),
    ADMIN_FROM_WEB_PAGE(PERMISSION, "The admin API does not answer web pages (%s). Call it from a test, a script or curl."),
    /** Without a JSON content type, a web page could send the request without asking the browser first (no preflight). */
    ADMIN_CONTENT_TYPE(INVALID_REQUEST, "content-type: %s on the admin API needs 'application/json' (with a body "
            + "or not), got %s."),
    ADMIN_TOKEN_MISSING(AUTHENTICATION,
            "The admin API requires the admin token as 'Authorization: Bearer <token>' or 'x-mock-admin-token'."),
    ADMIN_TOKEN_INVALID(AUTHENTICATION, "The admin token is not valid."),
    FAULT_RULE_NOT_FOUND(NOT_FOUND, "There is no fault rule '%s'."),
    FIXTURE_NOT_FOUND(NOT_FOUND, "There is no added fixture '%s' (GET /_mock/fixtures lists them)."),
    /** The dashboard's feed is a stream; a plain GET would otherwise hang on an answer that never ends. */
    ADMIN_EVENTS_ACCEPT(INVALID_REQUEST, "GET /_mock/events is a stream of server-sent events: send 'Accept: text/event-stream'."),
    ADMIN_EVENTS_FULL(RATE_LIMIT, "%d pages already follow /_mock/events, the most the mock serves at once; close one and try again."),
    ADMIN_UNKNOWN_FIELD(INVALID_REQUEST, "Unknown field '%s'; known fields: %s."),
    ADMIN_WRONG_TYPE(INVALID_REQUEST, "Field '%s' has the wrong type."),
    ADMIN_WRONG_TYPE_EXPECTED(INVALID_REQUEST, "Field '%s' has the wrong type (expected %s)."),
    ADMIN_BODY_NOT_JSON(INVALID_REQUEST, "The body is not valid JSON: %s"),
    ADMIN_BODY_EMPTY(INVALID_REQUEST, "The body must be a JSON object; it was empty."),
    ADMIN_BODY_NOT_OBJECT(INVALID_REQUEST, "The body must be a JSON object.");

    private final ErrorType type;
    private final int status;
    private final String template;
    private final Retry retry;

    /** Whether a client may retry an error: as its status says, or never (the mock's own setup is wrong). */
    private enum Retry { BY_STATUS, NEVER }

    ApiError(ErrorType type, String template) {
        this(type, type.status(), template, Retry.BY_STATUS);
    }

    ApiError(ErrorType type, String template, Retry retry) {
        this(type, type.status(), template, retry);
    }

    ApiError(ErrorType type, int status, String template) {
        this(type, status, template, Retry.BY_STATUS);
    }

    ApiError(ErrorType type, int status, String template, Retry retry) {
        this.type = type;
        this.status = status;
        this.template = template;
        this.retry = retry;
    }

    public ErrorType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String template() {
        return template;
    }

    /**
     * The {@code error.details.error_code} the first-party API sends with this error (the codes of TS SDK 1.17's
     * {@code ErrorCode}), or null when it sends none; written only under {@code responses.error-details: send}.
     */
    public String errorCode() {
        return switch (this) {
            case IMAGE_DIMENSIONS, IMAGE_DIMENSIONS_MANY -> "image_dimensions_too_large";
            case TOOL_NAMES_NOT_UNIQUE -> "tool_name_conflict";
            default -> null;
        };
    }

    /** The message, the template filled in (ROOT locale: numbers read the same on every machine). */
    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /**
     * The parts of a model 404's advice, in the order they are given: how to write a Mantle id, how to serve a
     * model AWS does not list for bedrock-mantle, how to add a model the mock does not know, what is served.
     */
    public enum ModelHint {
        ID_FORM("Did you mean '%s'? Mantle model ids are 'anthropic.' and the model name, without a date, version "
                + "or region prefix. "),
        OFF_MANTLE("AWS does not list '%s' for bedrock-mantle, so this mock answers 404 as Mantle does (models.yaml: "
                + "on-mantle: unlisted). To have the mock serve it anyway, with its own rules, put this line in a config "
                + "file and restart the mock with --config <file>:\noff-mantle-models: serve\n"),
        INSTEAD("Use '%s' instead, which Mantle serves. "),
        ADD_TO_CONFIG("This mock does not know '%s'. If Bedrock serves it, add it without a rebuild: put these lines "
                + "in a config file and restart the mock with --config <file>:\nmodels:\n  - id: %s\nIt then "
                + "inherits the catalogue's defaults (%s); name any of those keys under the id to change it "
                + "(docs/configuration.md, Models). "),
        SERVED("Models this mock serves: %s.");

        private final String template;

        ModelHint(String template) {
            this.template = template;
        }

        public String format(Object... args) {
            return String.format(Locale.ROOT, template, args);
        }
    }

    /**
     * Whether a client may retry this error, by its status ({@link ErrorEnvelope#shouldRetry}) unless it is
     * a setup error of the mock's: retrying cannot help, and the SDKs would only wait three times longer.
     */
    public boolean retried() {
        return retry == Retry.BY_STATUS && ErrorEnvelope.shouldRetry(status);
    }

    /** Texts two entries share; enum constants cannot read each other's fields while being built. */
    private static final class Text {
        static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature "
                + "you provided. Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.";
    }
}
