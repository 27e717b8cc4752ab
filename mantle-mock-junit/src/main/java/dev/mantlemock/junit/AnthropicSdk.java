package dev.mantlemock.junit;

import java.util.Map;
import java.util.Optional;

/**
 * Whether the official Java SDK and its Bedrock backend are there for an injected {@code AnthropicClient}.
 * The SDK is an optional dependency of the kit, so without this check the first missing class surfaces as a
 * bare {@code NoClassDefFoundError} naming a class, not the Maven artifact to add.
 */
final class AnthropicSdk {
    static final String SDK = "com.anthropic:anthropic-java";
    static final String BEDROCK = "com.anthropic:anthropic-java-bedrock";

    /** Each class the injected client is built from, with the artifact that brings it; the first missing by name is named. */
    private static final Map<String, String> NEEDED = Map.of(
            "com.anthropic.client.AnthropicClient", SDK,
            "com.anthropic.client.okhttp.AnthropicOkHttpClient", SDK,
            "com.anthropic.bedrock.backends.BedrockMantleBackend", BEDROCK);

    private AnthropicSdk() {}

    /** Why no client can be injected, naming the artifacts to add; empty when the SDK is complete. */
    static Optional<String> whatIsMissing(ClassLoader loader) {
        return NEEDED.entrySet().stream().filter(e -> !present(e.getKey(), loader)).sorted(Map.Entry.comparingByKey())
                .findFirst()
                .map(e -> "an AnthropicClient parameter needs the official Anthropic Java SDK with its Bedrock backend on the"
                        + " test class path, and " + e.getKey() + " (from " + e.getValue() + ") is not there: add the"
                        + " dependencies " + SDK + " and " + BEDROCK + ", one version for both (docs/junit.md, \"Add it\")");
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
