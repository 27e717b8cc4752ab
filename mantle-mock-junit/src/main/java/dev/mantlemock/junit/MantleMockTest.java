package dev.mantlemock.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a mock of Claude in Amazon Bedrock in process, on a free loopback port. On a class: one mock for
 * the class, reset before each test (stubs, fault rules, quotas, journal, prompt cache). On a method: a
 * mock of its own for that test. Tests run in parallel ({@code @Execution(CONCURRENT)}) each get a mock of
 * their own, so they never see each other's state. Inject {@code MantleMock}, {@code MantleMockInfo} or
 * (with the Anthropic SDK on the class path) {@code AnthropicClient} as test parameters.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MantleMockExtension.class)
public @interface MantleMockTest {
    /** The feature profile: {@code preview} or {@code ga}. */
    String profile() default "preview";

    /** The auth mode: {@code lenient} (any well-formed credentials), {@code strict} or {@code off}. */
    String auth() default "lenient";

    /** Whether the token quotas are enforced (Bedrock's default sizes unless changed with {@code quota(...)}). */
    boolean quotas() default true;

    /** A directory of fixture files, {@code shipped} for the project's own, or {@code none}. */
    String fixtures() default "none";

    /** The streaming preset: {@code fast} (no pacing) or {@code realistic}. */
    String streaming() default "fast";

    /** The seed of the answer generator and of probabilistic faults. */
    long seed() default 0;

    /** How an injected {@code AnthropicClient} authenticates. */
    ClientAuth client() default ClientAuth.SIGV4;

    /** Strict mode: a Messages request that no stub matched fails the test, naming the stub that came closest. */
    boolean strict() default false;

    /** Retries of an injected {@code AnthropicClient}: 2 is the SDK's default. */
    int maxRetries() default 2;
}
