package dev.mantlemock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one place error texts are written: these tests fail when a message is typed
 * anywhere else in the main sources, or when an entry of the table is inconsistent.
 */
class ErrorCatalogueTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z%]");
    /** Shorter fixed parts ("x-mock-fault: ", ": Input should be ") are too common to mean a copied text. */
    private static final int FRAGMENT = 20;
    private static final String CATALOGUE = "dev/mantlemock/domain/ApiError.java";
    private static final List<String> SCRIPTING_CODE = List.of("dev/mantlemock/answer/", "dev/mantlemock/fixtures/");

    @Test
    void noErrorTextIsWrittenOutsideTheCatalogue() {
        List<String> copies = new ArrayList<>();
        for (JavaSource source : JavaSource.main()) {
            if (source.path().equals(CATALOGUE)) {
                continue;
            }
            for (String literal : source.literals()) {
                for (ApiError error : ApiError.values()) {
                    if (copies(literal, error.template())) {
                        copies.add(source.path() + ": \"" + literal + "\" repeats ApiError." + error);
                    }
                }
            }
        }
        assertThat(copies).as("error texts are written once, in ApiError").isEmpty();
    }

    @Test
    void theScanReadsLiteralsAsJavaDoesThroughConcatenationAndPastComments() {
        JavaSource sample = JavaSource.parse("Sample.java", "String a = \"Thinking may not be \" // why\n"
                + "        + \"enabled when tool_choice forces tool use.\"; char q = '\"'; /* \"Request timed out\" */");

        assertThat(sample.literals()).contains(ApiError.THINKING_WITH_FORCED_TOOL.template()).doesNotContain("Request timed out");
        assertThat(copies(sample.literals().get(sample.literals().size() - 1), ApiError.THINKING_WITH_FORCED_TOOL.template())).isTrue();
    }

    @Test
    void onlyFixtureAndAnswerCodeMayScriptAnError() {
        List<String> callers = new ArrayList<>();
        for (JavaSource source : JavaSource.main()) {
            if (source.code().contains("ApiException.scripted(") || source.code().contains("ApiError.SCRIPTED")
                    && !source.isUnder("dev/mantlemock/domain/")) {
                callers.add(source.path());
            }
        }
        assertThat(callers).as("the scan sees the fixtures' scripted errors").isNotEmpty()
                .allSatisfy(path -> assertThat(SCRIPTING_CODE).anySatisfy(folder -> assertThat(path).startsWith(folder)));
    }

    @Test
    void noErrorIsBuiltFromAStringLiteral() {
        Pattern literalFirst = Pattern.compile("(ApiException\\.of|new\\s+ApiException)\\s*\\(\\s*\"");
        List<String> offenders = JavaSource.main().stream()
                .filter(s -> literalFirst.matcher(s.code()).find()
                        || s.code().contains("new ApiException(") && !s.path().endsWith("domain/ApiException.java"))
                .map(JavaSource::path).toList();
        assertThat(offenders).as("errors are built from ApiError entries").isEmpty();
    }

    @Test
    void everyEntrysStatusIsOneItsTypeTravelsWith() {
        for (ApiError error : ApiError.values()) {
            assertThat(error.status()).as(error.name()).isBetween(400, 599);
            assertThat(error.status() >= 500).as(error + ": a server status needs a server error type")
                    .isEqualTo(error.type().status() >= 500);
            ErrorType ofStatus = ErrorType.forStatus(error.status());
            if (ofStatus.status() == error.status()) {
                assertThat(error.type()).as(error + ": status " + error.status() + " is " + ofStatus).isEqualTo(ofStatus);
            }
        }
    }

    @Test
    void everyTemplateFormatsWithOneArgumentPerPlaceholder() {
        for (ApiError error : ApiError.values()) {
            List<Object> args = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(error.template());
            while (m.find()) {
                char conversion = m.group().charAt(m.group().length() - 1);
                assertThat(conversion).as(error + " uses %s and %d only").isIn('s', 'd');
                args.add(conversion == 'd' ? (Object) 7 : "x");
            }
            assertThatCode(() -> error.format(args.toArray())).as(error.name()).doesNotThrowAnyException();
            assertThat(error.format(args.toArray())).as(error.name()).isNotBlank().doesNotContain("%");
        }
    }

    @Test
    void noTwoEntriesShareATemplate() {
        Map<String, List<ApiError>> byTemplate = Arrays.stream(ApiError.values())
                .collect(Collectors.groupingBy(ApiError::template));
        assertThat(byTemplate.values()).allSatisfy(entries -> assertThat(entries).as("one text, one entry").hasSize(1));
    }

    @Test
    void aScriptedErrorCannotBeMadeWithoutItsOwnTypeAndStatus() {
        assertThatCode(() -> ApiException.of(ApiError.SCRIPTED, "text")).isInstanceOf(IllegalArgumentException.class);
        ApiException scripted = ApiException.scripted(ErrorType.RATE_LIMIT, 429, "Slow down", Map.of("retry-after", "0"));
        assertThat(scripted).hasMessage("Slow down");
        assertThat(scripted.status()).isEqualTo(429);
        assertThat(scripted.headers()).containsEntry("retry-after", "0");
    }

    /** A literal repeats a template when it is the template, or holds one of its long fixed parts. */
    private static boolean copies(String literal, String template) {
        if (PLACEHOLDER.matcher(template).replaceAll("").isBlank()) {
            return false; // SCRIPTED: no words of its own
        }
        return literal.equals(template) || Arrays.stream(PLACEHOLDER.split(template))
                .filter(fixed -> fixed.length() >= FRAGMENT).anyMatch(literal::contains);
    }
}
