package dev.mantlemock.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A main source file as the catalogue test reads it: its string literals as Java sees them (escapes
 * undone; literals joined by {@code +} also read as one), and its code with the comments taken out.
 */
record JavaSource(String path, List<String> literals, String code) {
    /** Maven runs the tests in the module's directory. */
    static final Path MAIN = Path.of("src/main/java");

    static List<JavaSource> main() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> parse(MAIN.relativize(p).toString().replace('\\', '/'), read(p))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isUnder(String folder) {
        return path.startsWith(folder);
    }

    static JavaSource parse(String path, String src) {
        List<String> literals = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        StringBuilder joined = null; // a literal that a '+' and another literal may still extend
        boolean plus = false;
        int parts = 0;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i) || src.startsWith("/*", i)) {
                int end = src.startsWith("//", i) ? src.indexOf('\n', i) : src.indexOf("*/", i) + 2;
                i = end < 2 ? src.length() : end;
                code.append(' ');
            } else if (c == '"') {
                boolean block = src.startsWith("\"\"\"", i);
                StringBuilder value = new StringBuilder();
                int j = i + (block ? 3 : 1);
                while (block ? !src.startsWith("\"\"\"", j) : src.charAt(j) != '"') {
                    if (src.charAt(j) == '\\') {
                        value.append(unescape(src.charAt(j + 1)));
                        j += 2;
                    } else {
                        value.append(src.charAt(j++));
                    }
                }
                int end = j + (block ? 3 : 1);
                code.append(src, i, end);
                literals.add(value.toString());
                if (joined != null && plus) {
                    joined.append(value);
                    parts++;
                } else {
                    add(literals, joined, parts);
                    joined = new StringBuilder(value);
                    parts = 1;
                }
                plus = false;
                i = end;
            } else {
                if (c == '+' && joined != null && !plus) {
                    plus = true;
                } else if (!Character.isWhitespace(c)) {
                    add(literals, joined, parts);
                    joined = null;
                    plus = false;
                }
                int end = c == '\'' ? src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2)) + 1 : i + 1; // '"' is no string
                code.append(src, i, end);
                i = end;
            }
        }
        add(literals, joined, parts);
        return new JavaSource(path, List.copyOf(literals), code.toString());
    }

    private static void add(List<String> literals, StringBuilder joined, int parts) {
        if (joined != null && parts > 1) {
            literals.add(joined.toString());
        }
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 's' -> ' ';
            default -> c; // \" \' \\ and the rare rest
        };
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
