package dev.mantlemock.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's summary as ONE self-contained HTML file, to attach to a quota request: charts drawn as inline
 * SVG (no script, font or image is fetched), the plan's arithmetic in words, every figure of every
 * phase, and the checks. Every drawn value carries {@code data-value} with the number exactly as the
 * summary JSON holds it, so a test (or a reader with the JSON beside it) can check the picture.
 *
 * <p>To chart a new figure, add a {@link Series} to {@link #CHARTS}; the phase table lists every
 * component of {@link PhaseStats} by itself, so a field added there appears without a change here.
 */
public final class RunReport {
    /** One figure of each phase, drawn as a bar: the {@link PhaseStats} component (JSON field) named {@code field}. */
    record Series(String name, String field, String colour) {
        Series {
            component(field); // a series names a real figure of the summary, or the report does not build
        }

        double value(PhaseStats p) {
            return ((Number) RunReport.value(component(field), p)).doubleValue();
        }
    }

    /**
     * One chart: bars per phase for each series. {@code percent}: values are shares (0..1), labelled
     * in percent. A negative value means "not measured" (the summary's -1) and draws no bar.
     */
    record Chart(String id, String title, String unit, boolean percent, List<Series> series) {}

    static final List<Chart> CHARTS = List.of(
            new Chart("tpm", "Tokens per minute: offered and admitted (admission charge, input + max_tokens) and sustained (input + output, after the refund)",
                    "TPM", false, List.of(
                    new Series("offered TPM", "offeredTpm", "#9aa5b1"),
                    new Series("admitted TPM", "admittedTpm", "#3e7cb1"),
                    new Series("sustained TPM", "quotaTpm", "#2a9d5c"))),
            new Chart("throttled", "Share of requests refused with 429", "%", true, List.of(
                    new Series("429 share", "throttledShare", "#d1495b"))),
            new Chart("latency", "Latency of answered requests, send to last byte", "ms", false, List.of(
                    new Series("latency p50", "latencyP50Ms", "#7fb7e6"),
                    new Series("latency p95", "latencyP95Ms", "#3e7cb1"),
                    new Series("latency p99", "latencyP99Ms", "#1d3f5e"))),
            new Chart("ttft", "Time to first token of streamed answers", "ms", false, List.of(
                    new Series("TTFT p50", "ttftP50Ms", "#f2c57c"),
                    new Series("TTFT p95", "ttftP95Ms", "#e09f3e"),
                    new Series("TTFT p99", "ttftP99Ms", "#9e2a2b"))));

    /** The plan's keys the arithmetic is told from (as {@code LoadRun.planBase} writes them). */
    static final String INPUT = "input tokens per request";
    static final String MAX_TOKENS = "max_tokens";
    static final String OUTPUT = "output tokens per answer";
    static final String ADMISSION = "charge at admission";
    static final String SETTLED = "charge settled (after refund)";
    static final String QUOTA = "planned quota (input TPM)";

    static final int WIDTH = 960;
    private static final int HEIGHT = 300;
    static final int LEFT = 90;
    static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 60;

    private RunReport() {}

    /** Writes the report of {@code summary} to {@code file}. */
    public static Path write(RunSummary summary, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(summary), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run report to " + file, e);
        }
    }

    public static String render(RunSummary s) {
        StringBuilder out = new StringBuilder(64 * 1024);
        String title = s.simulation() + " against " + s.target();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>").append(esc(title)).append("</h1>\n");
        out.append("<p class=\"verdict ").append(s.quotaAssertionsHeld() ? "held" : "failed").append("\" data-held=\"")
                .append(s.quotaAssertionsHeld()).append("\">Quota assertions held: ")
                .append(s.quotaAssertionsHeld() ? "yes" : "NO").append("</p>\n");
        keyValues(out, "Result", "result", s.result());
        arithmetic(out, s.plan());
        keyValues(out, "Plan", "plan", s.plan());
        List<PhaseStats> phases = s.phases();
        for (Chart chart : CHARTS) {
            chart(out, chart, phases, chart.id().equals("tpm") ? number(s.plan().get(QUOTA)) : null);
        }
        TimelineReport.render(out, s.timeline());
        phaseTable(out, phases, s.overall());
        checks(out, s.checks());
        out.append("</body></html>\n");
        return out.toString();
    }

    /** The plan in words: why throttling should start where it does, from the calibrated shape. */
    private static void arithmetic(StringBuilder out, Map<String, Object> plan) {
        Double in = number(plan.get(INPUT));
        Double max = number(plan.get(MAX_TOKENS));
        Double output = number(plan.get(OUTPUT));
        Double admission = number(plan.get(ADMISSION));
        Double settled = number(plan.get(SETTLED));
        Double quota = number(plan.get(QUOTA));
        out.append("<h2>The plan's arithmetic</h2>\n<p id=\"arithmetic\">");
        if (in == null || max == null || output == null || admission == null || settled == null || quota == null || settled <= 0) {
            out.append("This run's plan does not give the request shape and the quota, so there is no arithmetic to show.</p>\n");
            return;
        }
        double sustainedPerMinute = quota / settled;
        double edge = quota * admission / settled;
        out.append(String.format(Locale.ROOT,
                "Each request sends %s input tokens and asks for up to %s output tokens (<code>max_tokens</code>), so admission "
                        + "charges %s + %s = <b>%s</b> tokens against the input-TPM window. Answers were about %s tokens long, "
                        + "so %s tokens of each reservation come back when the answer is complete, and <b>%s</b> tokens stay "
                        + "charged. A quota of %s input TPM therefore sustains %s / %s = <b>%s requests per minute</b> "
                        + "(%.2f per second). Offered in admission charge that is %s &times; %s / %s = <b>%s TPM</b>: "
                        + "throttling should start near that offered figure, while the sustained figure (input + output "
                        + "after the refund) stays at the quota. Answers still running hold their whole reservation, so "
                        + "against a real endpoint throttling starts a little earlier.",
                fmt(in), fmt(max), fmt(in), fmt(max), fmt(admission), fmt(output), fmt(max - output), fmt(settled),
                fmt(quota), fmt(quota), fmt(settled), fmt(sustainedPerMinute), sustainedPerMinute / 60,
                fmt(quota), fmt(admission), fmt(settled), fmt(edge)));
        out.append("</p>\n");
    }

    private static void keyValues(StringBuilder out, String heading, String id, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        out.append("<h2>").append(heading).append("</h2>\n");
        rows(out, id, "", values);
        out.append('\n');
    }

    /** A table of key and value; a value that is itself a map (the edge, the arithmetic) is a table in its cell. */
    private static void rows(StringBuilder out, String id, String prefix, Map<?, ?> values) {
        out.append(id.isEmpty() ? "<table class=\"nested\">" : "<table id=\"" + id + "\">");
        values.forEach((k, v) -> {
            String key = prefix + k;
            out.append("<tr><th>").append(esc(String.valueOf(k))).append("</th><td data-key=\"").append(esc(key)).append("\">");
            if (v instanceof Map<?, ?> nested) {
                rows(out, "", key + ".", nested);
            } else {
                out.append(esc(v instanceof Number n ? display(n) : String.valueOf(v)));
            }
            out.append("</td></tr>");
        });
        out.append("</table>");
    }

    private static void chart(StringBuilder out, Chart chart, List<PhaseStats> phases, Double reference) {
        out.append("<h2>").append(esc(chart.title())).append("</h2>\n");
        double top = reference == null ? 0 : reference;
        boolean any = false;
        for (PhaseStats p : phases) {
            for (Series series : chart.series()) {
                double v = series.value(p);
                any |= v >= 0;
                top = Math.max(top, v);
            }
        }
        if (!any || phases.isEmpty()) {
            out.append("<p class=\"none\" data-chart=\"").append(chart.id())
                    .append("\">Not measured in this run (the quota scenarios read streams whole, to see each status exactly).</p>\n");
            return;
        }
        top = niceCeiling(chart.percent() ? Math.max(top, 0.01) : Math.max(top, 1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double group = plotWidth / phases.size();
        double bar = Math.max(1, group * 0.8 / chart.series().size());
        out.append("<svg class=\"chart\" id=\"chart-").append(chart.id()).append("\" data-chart=\"").append(chart.id())
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            out.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", LEFT, WIDTH - RIGHT, y, y));
            out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y + 4, chart.percent() ? percent(v) : fmt(v)));
        }
        for (int g = 0; g < phases.size(); g++) {
            PhaseStats p = phases.get(g);
            double x0 = LEFT + g * group + group * 0.1;
            for (int k = 0; k < chart.series().size(); k++) {
                Series series = chart.series().get(k);
                double v = series.value(p);
                if (v < 0) {
                    continue;
                }
                double h = plotHeight * v / top;
                out.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" data-series=\"%s\" data-field=\"%s\" data-phase=\"%s\" data-value=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
                        esc(series.name()), series.field(), esc(p.phase()), raw(v), x0 + k * bar, TOP + plotHeight - h, bar, h, series.colour(),
                        esc(p.phase()), esc(series.name()), chart.percent() ? percent(v) : fmt(v) + " " + chart.unit()));
            }
            out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT + g * group + group / 2, HEIGHT - BOTTOM + 16, esc(p.phase())));
        }
        if (reference != null) {
            double y = TOP + plotHeight - plotHeight * reference / top;
            out.append(String.format(Locale.ROOT,
                    "<line class=\"reference\" data-reference=\"quota\" data-value=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                            + "<line class=\"reference\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                            + "<text class=\"legend\" x=\"%d\" y=\"%d\" text-anchor=\"end\">quota %s</text>",
                    raw(reference), LEFT, WIDTH - RIGHT, y, y,
                    WIDTH - RIGHT - 150, WIDTH - RIGHT - 124, HEIGHT - 16, HEIGHT - 16, WIDTH - RIGHT, HEIGHT - 12, fmt(reference)));
        }
        double lx = LEFT;
        for (Series series : chart.series()) {
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text class=\"legend\" x=\"%.1f\" y=\"%d\">%s</text>",
                    lx, HEIGHT - 22, series.colour(), lx + 16, HEIGHT - 12, esc(series.name())));
            lx += 40 + series.name().length() * 7;
        }
        out.append("</svg>\n");
    }

    /** Every figure of every phase: each record component of {@link PhaseStats}, so new fields show up unasked. */
    private static void phaseTable(StringBuilder out, List<PhaseStats> phases, PhaseStats overall) {
        List<PhaseStats> rows = new ArrayList<>(phases);
        if (overall != null) {
            rows.add(overall);
        }
        RecordComponent[] fields = PhaseStats.class.getRecordComponents();
        out.append("<h2>Every figure, per phase</h2>\n<div class=\"scroll\"><table id=\"phases\"><tr>");
        for (RecordComponent f : fields) {
            out.append("<th>").append(esc(f.getName())).append("</th>");
        }
        out.append("</tr>");
        for (PhaseStats p : rows) {
            out.append("<tr data-phase=\"").append(esc(p.phase())).append("\">");
            for (RecordComponent f : fields) {
                Object v = value(f, p);
                out.append("<td data-field=\"").append(esc(f.getName())).append("\" data-value=\"").append(esc(rawObject(v)))
                        .append("\">").append(esc(v instanceof Number n ? display(n) : String.valueOf(v))).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</table></div>\n");
    }

    private static void checks(StringBuilder out, List<Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        out.append("<h2>Checks</h2>\n<table id=\"checks\"><tr><th>check</th><th>verdict</th><th>observed</th></tr>");
        for (Check c : checks) {
            out.append("<tr data-held=\"").append(c.held()).append("\"><td>").append(esc(c.name())).append("</td><td>")
                    .append(c.asExpected() ? (c.control() ? "failed, as a control check must" : "held") : "NOT AS EXPECTED")
                    .append("</td><td>").append(esc(c.observed())).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private static RecordComponent component(String field) {
        for (RecordComponent c : PhaseStats.class.getRecordComponents()) {
            if (c.getName().equals(field)) {
                return c;
            }
        }
        throw new IllegalArgumentException("PhaseStats has no figure '" + field + "'");
    }

    private static Object value(RecordComponent f, PhaseStats p) {
        try {
            return f.getAccessor().invoke(p);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + f.getName(), e);
        }
    }

    /** The number as the summary JSON writes it (Jackson prints doubles and longs with Java's own toString). */
    static String raw(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String rawObject(Object v) {
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        return String.valueOf(v);
    }

    private static String display(Number n) {
        return n instanceof Double d ? (Math.abs(d) < 10 && d != Math.rint(d) ? String.format(Locale.ROOT, "%.3f", d) : fmt(d)) : fmt(n.doubleValue());
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.replace(",", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}: round gridlines. */
    static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v * 0.999999) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Text and attribute values: everything shown comes from settings and the target, so all of it is escaped. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;max-width:1000px}"
            + "h1{font-size:20px}h2{font-size:16px;margin-top:28px}h3{font-size:14px;margin:14px 0 4px}table{border-collapse:collapse}table.nested th{font-weight:normal}"
            + "td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left;font-variant-numeric:tabular-nums}"
            + "#phases td,#phases th{white-space:nowrap}.scroll{overflow-x:auto;max-width:100%}.verdict{font-weight:bold}.held{color:#1a7f37}.failed{color:#cf222e}"
            + ".chart{background:#fafbfc;border:1px solid #d0d7de}.grid{stroke:#e1e4e8}.reference{stroke:#cf222e;stroke-dasharray:6 4}"
            + ".axis,.legend{font-size:11px;fill:#57606a}.none{color:#57606a;font-style:italic}";
}
