package dev.mantlemock.contract.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.Cost;
import dev.mantlemock.contract.Outcome;
import dev.mantlemock.contract.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the suite against one target: what {@code contract-report.json} holds. Nothing secret:
 * the target is described by name, URL, model, region and which kinds of credential it had.
 */
public record ContractReport(TargetInfo target, String startedAt, String finishedAt, Cost cost, List<ContractResult> results) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record TargetInfo(String name, String baseUrl, String model, String region, String auth) {
        public static TargetInfo of(Target t) {
            String auth = t.unavailable() != null ? "unavailable"
                    : (t.hasSigV4() ? "sigv4" : "") + (t.hasSigV4() && t.hasBearerKey() ? "+" : "") + (t.hasBearerKey() ? "bearer" : "");
            return new TargetInfo(t.name(), t.baseUrl(), t.model(), t.region(), auth);
        }
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public void writeJson(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ContractReport read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ContractReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read contract report " + file, e);
        }
    }

}
