package dev.mantlemock.contract.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: compares two contract reports and prints the drift as Markdown.
 * <pre>java -cp "contract-tests/target/test-classes:$(cat contract-tests/target/contract-classpath.txt)" \
 *     dev.mantlemock.contract.report.ReportDiff live.json mock.json [--out drift.md] [--fail-on-drift]</pre>
 * Exit status: 0, or 1 with {@code --fail-on-drift} when a contract that ran on both sides drifted; 2 on bad usage.
 */
public final class ReportDiff {
    private ReportDiff() {}

    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>();
        Path out = null;
        boolean failOnDrift = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--fail-on-drift" -> failOnDrift = true;
                default -> files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            System.err.println("usage: ReportDiff FIRST.json SECOND.json [--out drift.md] [--fail-on-drift]");
            System.exit(2);
        }
        ContractReport first = ContractReport.read(Path.of(files.get(0)));
        ContractReport second = ContractReport.read(Path.of(files.get(1)));
        List<Drift.Line> lines = Drift.between(first, second);
        String markdown = Drift.markdown(first, second, lines);
        System.out.print(markdown);
        if (out != null) {
            Files.writeString(out, markdown);
        }
        if (failOnDrift && !Drift.drifted(lines).isEmpty()) {
            System.exit(1);
        }
    }
}
