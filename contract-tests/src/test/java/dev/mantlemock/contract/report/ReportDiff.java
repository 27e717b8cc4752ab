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
 * Exit status: 0, or 1 with {@code --fail-on-drift} when a contract that ran on both sides drifted or when
 * no contract ran on both sides (a nightly job whose live run had broken credentials must not stay green);
 * 2 on bad usage.
 */
public final class ReportDiff {
    private ReportDiff() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without the exit: what it prints and the status it would exit with. */
    static int run(String[] args, java.io.PrintStream stdout, java.io.PrintStream stderr) throws IOException {
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
            stderr.println("usage: ReportDiff FIRST.json SECOND.json [--out drift.md] [--fail-on-drift]");
            return 2;
        }
        ContractReport first = ContractReport.read(Path.of(files.get(0)));
        ContractReport second = ContractReport.read(Path.of(files.get(1)));
        List<Drift.Line> lines = Drift.between(first, second);
        String markdown = Drift.markdown(first, second, lines);
        stdout.print(markdown);
        if (out != null) {
            Files.writeString(out, markdown);
        }
        if (!failOnDrift) {
            return 0;
        }
        if (Drift.compared(lines).isEmpty()) {
            stderr.println("ReportDiff: nothing was compared (no contract ran on both sides); failing under --fail-on-drift");
            return 1;
        }
        return Drift.drifted(lines).isEmpty() ? 0 : 1;
    }
}
