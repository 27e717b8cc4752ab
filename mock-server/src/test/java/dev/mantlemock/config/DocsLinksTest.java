package dev.mantlemock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README, the docs pages and --help point at each other, and no link between them is broken. */
class DocsLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void noLinkBetweenTheReadmeAndTheDocsIsBroken() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            broken.addAll(brokenLinks(page, Files.readString(page)));
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theCheckerFindsAMissingPageAndAMissingSection() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertThat(brokenLinks(readme, "[a](docs/no-such-page.md) [b](docs/auth.md#no-such-section) [c](docs/auth.md#modes-authmode-the-start-up-line-says-which-is-active-eg-auth-lenient-)"))
                .hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("docs/no-such-page.md"))
                .anySatisfy(b -> assertThat(b).contains("#no-such-section"));
    }

    @Test
    void everyDocsPageIsReachableFromTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> "docs/" + p.getFileName())
                    .forEach(page -> assertThat(readme).as("the README links " + page).contains("(" + page));
        }
    }

    @Test
    void helpListsEveryDocsPageAndOnlyPagesThatExist() throws IOException {
        String help = CommandLine.usage();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> "docs/" + p.getFileName())
                    .forEach(page -> assertThat(help).as("--help names " + page).contains(page));
        }
        CommandLine.DOCS.keySet().forEach(page -> assertThat(ROOT.resolve(page)).as("--help names a page that exists").exists());
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Relative links only: a web address is not this test's business. Code blocks are not links. */
    static List<String> brokenLinks(Path page, String text) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String target : links(text)) {
            if (target.matches("^[a-z]+:.*")) {
                continue;
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            String where = ROOT.relativize(page) + " -> " + target;
            if (!Files.exists(resolved)) {
                broken.add(where + " (no such file)");
            } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(Files.readString(resolved)).contains(anchor)) {
                broken.add(where + " (no such section)");
            }
        }
        return broken;
    }

    private static List<String> links(String text) {
        List<String> out = new ArrayList<>();
        boolean code = false;
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean code = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!code && m.matches()) {
                String slug = m.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }
}
