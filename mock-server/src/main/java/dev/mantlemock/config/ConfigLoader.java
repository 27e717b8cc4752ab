package dev.mantlemock.config;

import dev.mantlemock.domain.ConfigException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a {@link MockConfig} from YAML or JSON, turning every problem into one readable sentence. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {}

    public static MockConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist or is not a file");
        }
        try {
            MockConfig config = YAML.readValue(file.toFile(), MockConfig.class);
            return config == null ? new MockConfig() : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config file " + file + ": " + unknownKey(e));
        } catch (MismatchedInputException e) {
            throw new ConfigException("config file " + file + ": '" + keyPath(e) + "' has the wrong type ("
                    + withoutClassNames(firstLine(e.getOriginalMessage())) + ")");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": " + withoutClassNames(firstLine(e.getMessage())));
        }
    }

    /** The key, where it is, the nearest valid key, and the valid keys there: a typo is fixed in one look. */
    static String unknownKey(UnrecognizedPropertyException e) {
        String key = e.getPropertyName();
        String path = keyPath(e);
        String where = path.contains(".") || path.contains("[") ? "under '" + path.substring(0, path.length() - key.length() - 1) + "'"
                : "at the top level";
        List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
        String nearest = KeyDistance.nearest(key, known);
        return "unknown key '" + key + "' " + where + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
                + " Valid keys there: " + String.join(", ", known) + " (every key: docs/configuration.md)";
    }

    /** The key as the YAML file spells it: {@code quota.overrides[0].model}. */
    private static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson names Java types; a user edits YAML, so those names go. */
    private static String withoutClassNames(String message) {
        return message.replaceAll("`?(java\\.lang\\.|dev\\.mantlemock\\.)[\\w.$]*?([A-Z]\\w*)`?", "$2")
                .replaceAll("\\(through reference chain:.*\\)", "").trim();
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
