package dev.mantlemock.contract.report;

import dev.mantlemock.contract.ContractResult;
import dev.mantlemock.contract.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where two runs disagree, contract by contract: typically last night's live run against today's mock
 * run. Only contracts that ran on both sides can drift; a skip on one side is listed as not compared,
 * because "mock-only" or "no SigV4 credentials" says nothing about the mock's faithfulness.
 */
public final class Drift {
    public enum Kind { SAME, DRIFT, NOT_COMPARED, ONLY_IN_FIRST, ONLY_IN_SECOND }

    public record Line(String id, String promise, Kind kind, ContractResult first, ContractResult second) {}

    private Drift() {}

    public static List<Line> between(ContractReport first, ContractReport second) {
        Map<String, ContractResult> a = byId(first);
        Map<String, ContractResult> b = byId(second);
        List<Line> lines = new ArrayList<>();
        a.forEach((id, left) -> {
            ContractResult right = b.get(id);
            lines.add(new Line(id, left.promise(), kind(left, right), left, right));
        });
        b.forEach((id, right) -> {
            if (!a.containsKey(id)) {
                lines.add(new Line(id, right.promise(), Kind.ONLY_IN_SECOND, null, right));
            }
        });
        return lines;
    }

    static Kind kind(ContractResult left, ContractResult right) {
        if (right == null) {
            return Kind.ONLY_IN_FIRST;
        }
        if (!left.outcome().ran() || !right.outcome().ran()) {
            return Kind.NOT_COMPARED;
        }
        return left.outcome() == right.outcome() ? Kind.SAME : Kind.DRIFT;
    }

    /** The contracts that ran on both sides: the only ones that say anything about drift. */
    public static List<Line> compared(List<Line> lines) {
        return lines.stream().filter(l -> l.kind() == Kind.SAME || l.kind() == Kind.DRIFT).toList();
    }

    public static List<Line> drifted(List<Line> lines) {
        return lines.stream().filter(l -> l.kind() == Kind.DRIFT).toList();
    }

    private static Map<String, ContractResult> byId(ContractReport report) {
        Map<String, ContractResult> map = new LinkedHashMap<>();
        report.results().forEach(r -> map.put(r.id(), r));
        return map;
    }

    /** Both runs side by side, drifts first, as Markdown. */
    public static String markdown(ContractReport first, ContractReport second, List<Line> lines) {
        String a = first.target().name();
        String b = second.target().name();
        if (a.equals(b)) {
            a = a + " (" + first.startedAt() + ")";
            b = b + " (" + second.startedAt() + ")";
        }
        List<Line> drifted = drifted(lines);
        StringBuilder md = new StringBuilder("# Contract drift: ").append(a).append(" vs ").append(b).append("\n\n");
        md.append(compared(lines).isEmpty()
                ? "**Nothing was compared**: no contract ran on both sides, so this report says nothing about drift"
                        + " (did one run have no credentials, or not start?).\n\n"
                : drifted.isEmpty() ? "**No drift**: every contract that ran on both sides had the same result.\n\n"
                : "**" + drifted.size() + " contract(s) drifted**: " + String.join(", ", drifted.stream().map(l -> "`" + l.id() + "`").toList()) + "\n\n");
        md.append("| Contract | ").append(MarkdownTable.cell(a)).append(" | ").append(MarkdownTable.cell(b)).append(" | Comparison |\n|---|---|---|---|\n");
        List<Line> ordered = new ArrayList<>(drifted);
        lines.stream().filter(l -> l.kind() != Kind.DRIFT).forEach(ordered::add);
        for (Line l : ordered) {
            md.append("| `").append(l.id()).append("` | ").append(side(l.first())).append(" | ").append(side(l.second()))
                    .append(" | ").append(describe(l.kind())).append(" |\n");
        }
        return md.toString();
    }

    private static String side(ContractResult r) {
        if (r == null) {
            return "absent";
        }
        return MarkdownTable.symbol(r.outcome()) + (r.reason() == null ? "" : ": " + MarkdownTable.cell(r.reason()));
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case SAME -> "same";
            case DRIFT -> "**DRIFT**";
            case NOT_COMPARED -> "not compared (did not run on both)";
            case ONLY_IN_FIRST -> "only in the first report";
            case ONLY_IN_SECOND -> "only in the second report";
        };
    }

}
