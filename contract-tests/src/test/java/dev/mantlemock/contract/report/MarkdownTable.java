package dev.mantlemock.contract.report;

import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.Cost;
import dev.mantlemock.contract.Outcome;

/** The readable side of a report: a Markdown table of every contract and its result against the target. */
public final class MarkdownTable {
    private MarkdownTable() {}

    public static String of(ContractReport report) {
        ContractReport.TargetInfo t = report.target();
        StringBuilder md = new StringBuilder();
        md.append("# Contract report: ").append(t.name()).append("\n\n");
        md.append("Target `").append(t.baseUrl()).append("`, model `").append(t.model()).append("`, region `").append(t.region())
                .append("`, credentials: ").append(t.auth()).append(". Run ").append(report.startedAt()).append(" to ")
                .append(report.finishedAt()).append(".\n\n");
        md.append("**").append(report.count(Outcome.PASSED)).append(" passed, ").append(report.count(Outcome.FAILED))
                .append(" failed, ").append(report.count(Outcome.SKIPPED)).append(" skipped, ")
                .append(report.count(Outcome.NOT_RUN)).append(" not run.** ").append(cost(report.cost())).append("\n\n");
        md.append("| Area | Contract | ").append(cell(t.name())).append(" | Reason |\n|---|---|---|---|\n");
        for (ContractResult r : report.results()) {
            md.append("| ").append(cell(r.area())).append(" | `").append(r.id()).append("`").append(r.mockOnly() ? " (mock-only)" : "")
                    .append("<br>").append(cell(r.promise())).append(" | ").append(symbol(r.outcome())).append(" | ")
                    .append(r.reason() == null ? "" : cell(r.reason())).append(" |\n");
        }
        return md.toString();
    }

    static String cost(Cost c) {
        return "Sent " + c.requests() + " requests; the target reported " + c.inputTokens() + " input, " + c.outputTokens()
                + " output, " + c.cacheCreationInputTokens() + " cache-write and " + c.cacheReadInputTokens() + " cache-read tokens.";
    }

    static String symbol(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "✅ passed";
            case FAILED -> "❌ failed";
            case SKIPPED -> "⏭ skipped";
            case NOT_RUN -> "– not run";
        };
    }

    /** Table cells cannot hold pipes or line breaks. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
