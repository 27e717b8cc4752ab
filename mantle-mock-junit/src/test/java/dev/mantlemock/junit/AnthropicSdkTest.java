package dev.mantlemock.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without the SDK, or with only part of it, the failure names the Maven artifacts to add. */
class AnthropicSdkTest {

    @Test
    void withTheWholeSdkNothingIsMissing() {
        assertThat(AnthropicSdk.whatIsMissing(getClass().getClassLoader())).isEmpty();
    }

    @Test
    void withoutTheOkHttpClientTheMessageNamesTheSdkArtifact() {
        assertThat(AnthropicSdk.whatIsMissing(hiding("com.anthropic.client.okhttp.")))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains("com.anthropic.client.okhttp.AnthropicOkHttpClient (from com.anthropic:anthropic-java)")
                        .contains("com.anthropic:anthropic-java and com.anthropic:anthropic-java-bedrock"));
    }

    @Test
    void withoutTheBedrockBackendTheMessageNamesTheBedrockArtifact() {
        assertThat(AnthropicSdk.whatIsMissing(hiding("com.anthropic.bedrock.")))
                .hasValueSatisfying(why -> assertThat(why).contains("(from com.anthropic:anthropic-java-bedrock)"));
    }

    @Test
    void withNoSdkAtAllTheMessageStillNamesBothArtifacts() {
        assertThat(AnthropicSdk.whatIsMissing(hiding("com.anthropic.")))
                .hasValueSatisfying(why -> assertThat(why).contains("com.anthropic:anthropic-java and com.anthropic:anthropic-java-bedrock"));
    }

    /** The test class path minus the packages starting with {@code prefix}, as a project without them sees it. */
    private ClassLoader hiding(String prefix) {
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
    }
}
