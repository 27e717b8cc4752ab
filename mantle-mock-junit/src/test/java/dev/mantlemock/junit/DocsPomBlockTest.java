package dev.mantlemock.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pom block docs/junit.md gives is the one CI proves: the invoker ITs of examples/junit build with it
 * (JUnit 5 and 6, only the JUnit version differs), and it names this build's SDK and kit versions.
 */
class DocsPomBlockTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\n(<\\?xml.*?</project>\n)```", Pattern.DOTALL);
    private static final Pattern JUPITER_VERSION =
            Pattern.compile("(<artifactId>junit-jupiter</artifactId>\\s*<version>)([^<]+)(</version>)");

    @Test
    void theJUnit5ItBuildsExactlyTheDocsPom() throws IOException {
        assertThat(read("examples/junit/src/it/junit5/pom.xml")).isEqualTo(docsPom());
    }

    @Test
    void theJUnit6ItBuildsTheDocsPomWithOnlyTheJUnitVersionChanged() throws IOException {
        String junit6 = read("examples/junit/src/it/junit6/pom.xml");
        assertThat(jupiterVersion(junit6)).startsWith("6.");
        assertThat(jupiterVersion(docsPom())).startsWith("5.");
        assertThat(withJupiterVersion(junit6, "x")).isEqualTo(withJupiterVersion(docsPom(), "x"));
    }

    @Test
    void theDocsPomNamesTheSdkAndKitVersionsThisBuildUses() throws IOException {
        String root = read("pom.xml");
        String sdk = between(root, "<anthropic.version>", "</anthropic.version>");
        String kit = between(root, "<artifactId>mantle-mock-parent</artifactId>\n  <version>", "</version>");
        assertThat(docsPom())
                .contains("<artifactId>anthropic-java</artifactId>\n      <version>" + sdk + "</version>")
                .contains("<artifactId>anthropic-java-bedrock</artifactId>\n      <version>" + sdk + "</version>")
                .contains("<artifactId>mantle-mock-junit</artifactId>\n      <version>" + kit + "</version>");
    }

    private static String docsPom() throws IOException {
        Matcher m = XML_BLOCK.matcher(read("docs/junit.md"));
        assertThat(m.find()).as("docs/junit.md has a whole pom.xml in an xml block").isTrue();
        return m.group(1);
    }

    private static String jupiterVersion(String pom) {
        Matcher m = JUPITER_VERSION.matcher(pom);
        assertThat(m.find()).as("a junit-jupiter dependency with a version").isTrue();
        return m.group(2);
    }

    private static String withJupiterVersion(String pom, String version) {
        return JUPITER_VERSION.matcher(pom).replaceAll("$1" + version + "$3");
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before);
        assertThat(start).as(before).isNotNegative();
        start += before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path)).replace("\r\n", "\n");
    }
}
