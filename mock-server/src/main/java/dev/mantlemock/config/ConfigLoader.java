package dev.mantlemock.config;

import dev.mantlemock.domain.ConfigException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            throw new ConfigException("config file " + file + ": unknown key '" + e.getPropertyName() + "' at "
                    + e.getPathReference().replace("dev.mantlemock.config.", ""));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
