package dev.mantlemock.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The probe's edge in a summary's words and checks: the same for one injector's run and for the merge of several. */
public final class ProbeFindings {
    private ProbeFindings() {}

    /**
     * Adds the probe's checks to {@code checks} and its figures to {@code result}.
     *
     * @param mockQuotaTpm the quota of the mock the run targeted, to compare with; null against AWS
     */
    public static void describe(EdgeProbe.Edge edge, List<PhaseStats> steps, Long mockQuotaTpm, List<Check> checks,
                                Map<String, Object> result) {
        checks.add(Check.of("a step was sustained (else the edge is far below the plan)", edge.step() != null,
                edge.step() == null ? "none" : edge.step()));
        checks.add(Check.of("the edge was bracketed to 1% of the quota", edge.resolved(), edge.outcome()));
        if (edge.step() != null) {
            result.put("sustained quota TPM (in+out)", String.format(Locale.ROOT, "%,.0f +- %,.0f", edge.sustainedQuotaTpm(), edge.uncertaintyTpm()));
            PhaseStats best = steps.stream().filter(p -> p.phase().equals(edge.step())).findFirst().orElseThrow();
            result.put("sustained input TPM (prompt)", String.format(Locale.ROOT, "%,.0f", best.inputTpm()));
            result.put("sustained output TPM", String.format(Locale.ROOT, "%,.0f", best.outputTpm()));
            result.put("offered at that step", String.format(Locale.ROOT, "%,.0f TPM at admission", edge.offeredAdmissionTpm()));
            result.put("quota this implies (input TPM)", String.format(Locale.ROOT, "%,.0f", edge.impliedQuotaTpm()));
            result.put("edge shown by", edge.reason());
            if (mockQuotaTpm != null) {
                double error = edge.impliedQuotaTpm() / mockQuotaTpm - 1;
                result.put("vs the mock's quota", String.format(Locale.ROOT, "%+.1f%%", error * 100));
            }
        }
        edge.warnings().forEach(w -> result.put("WARNING " + (result.size() + 1), w));
        result.put("edge", edge.asMap());
    }
}
