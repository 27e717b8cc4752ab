package dev.mantlemock.junit;

/** How an injected {@code AnthropicClient} authenticates to the mock. */
public enum ClientAuth {
    /** SigV4 for {@code bedrock-mantle} with the example principal, as {@code BedrockMantleBackend} signs by default. */
    SIGV4,
    /** A fresh short-term Bedrock API key (bearer), minted for the example principal. */
    BEARER
}
