package dev.mantlemock.load;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Over time" section: one line chart per figure of {@link Timeline.Second}, second by second,
 * as inline SVG. Every point carries {@code data-series}, {@code data-second} and {@code data-value} (the
 * number as the summary JSON holds it), so a test can check the picture against the JSON.
 */
final class TimelineReport {
    /** One line: the {@link Timeline.Second} component {@code field}. */
    record Line(String name, String field, String colour) {
        Line {
            component(field); // a line names a real figure, or the report does not build
        }
    }

    /** One chart of lines; {@code percent}: values are shares (0..1). A negative value is "not measured" and has no point. */
    record Chart(String id, String title, boolean percent, List<Line> lines) {}

    static final List<Chart> CHARTS = List.of(
            new Chart("tpm-over-time", "Offered and admitted TPM (admission charge), per second", false, List.of(
                    new Line("offered TPM", "offeredTpm", "#9aa5b1"),
                    new Line("admitted TPM", "admittedTpm", "#3e7cb1"))),
            new Chart("window-over-time", "Quota window fill (settled charge in the window ending at each second, share of the quota)", true, List.of(
                    new Line("window fill", "windowFill", "#2a9d5c"))),
            new Chart("throttled-over-time", "429s per second: as the injectors saw them, and as the mock counted them", false, List.of(
                    new Line("429s seen", "throttled", "#d1495b"),
                    new Line("429s counted by the mock", "serverThrottled", "#6b2737"))),
            new Chart("latency-over-time", "Latency and time to first token of the requests sent in each second, ms", false, List.of(
                    new Line("latency p50", "latencyP50Ms", "#7fb7e6"),
                    new Line("latency p95", "latencyP95Ms", "#1d3f5e"),
                    new Line("TTFT p50", "ttftP50Ms", "#f2c57c"),
                    new Line("TTFT p95", "ttftP95Ms", "#9e2a2b"))));

    /** As wide as the report's bar charts, and lower. */
    private static final int WIDTH = RunReport.WIDTH;
    private static final int LEFT = RunReport.LEFT;
    private static final int RIGHT = RunReport.RIGHT;
    private static final int HEIGHT = 240;
    private static final int TOP = 16;
    private static final int BOTTOM = 50;

    private TimelineReport() {}

    static void render(StringBuilder out, List<Timeline.Second> seconds) {
        out.append("<h2>Over time</h2>\n");
        if (seconds.isEmpty()) {
            out.append("<p class=\"none\">This summary has no time series (written before reports had one, or no request was sent).</p>\n");
            return;
        }
        for (Chart chart : CHARTS) {
            chart(out, chart, seconds);
        }
    }

    private static void chart(StringBuilder out, Chart chart, List<Timeline.Second> seconds) {
        double max = 0;
        for (Timeline.Second s : seconds) {
            for (Line line : chart.lines()) {
                max = Math.max(max, value(line.field(), s));
            }
        }
        out.append("<h3>").append(RunReport.esc(chart.title())).append("</h3>\n");
        if (!(max > 0)) {
            out.append("<p class=\"none\" data-chart=\"").append(chart.id()).append("\">Nothing to draw: every value is 0 or not measured.</p>\n");
            return;
        }
        double top = RunReport.niceCeiling(max);
        long last = seconds.get(seconds.size() - 1).second();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        out.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                chart.id(), WIDTH, HEIGHT, WIDTH, HEIGHT, RunReport.esc(chart.title())));
        for (int g = 0; g <= 4; g++) {
            double y = TOP + plotHeight * (1 - g / 4.0);
            double v = top * g / 4.0;
            out.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, WIDTH - RIGHT, y));
            out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
                    chart.percent() ? String.format(Locale.ROOT, "%.0f%%", v * 100)
                            : String.format(Locale.ROOT, top < 10 && v != Math.rint(v) ? "%,.2f" : "%,.0f", v)));
        }
        out.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">0 s</text><text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%d s</text>",
                LEFT, HEIGHT - BOTTOM + 14, WIDTH - RIGHT, HEIGHT - BOTTOM + 14, last));
        double lx = LEFT;
        for (Line line : chart.lines()) {
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            for (Timeline.Second s : seconds) {
                double v = value(line.field(), s);
                if (v < 0) {
                    continue;
                }
                double x = LEFT + (last == 0 ? 0 : plotWidth * s.second() / last);
                double y = TOP + plotHeight * (1 - v / top);
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                points.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"%s\" data-series=\"%s\" data-second=\"%d\" data-value=\"%s\"/>",
                        x, y, line.colour(), line.field(), s.second(), raw(line.field(), s)));
            }
            if (path.length() > 0) {
                out.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(line.colour()).append("\" d=\"").append(path).append("\"/>");
            }
            out.append(points);
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text class=\"legend\" x=\"%.1f\" y=\"%d\">%s</text>",
                    lx, HEIGHT - 22, line.colour(), lx + 16, HEIGHT - 12, RunReport.esc(line.name())));
            lx += 40 + line.name().length() * 7;
        }
        out.append("</svg>\n");
    }

    private static RecordComponent component(String field) {
        for (RecordComponent c : Timeline.Second.class.getRecordComponents()) {
            if (c.getName().equals(field)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Timeline.Second has no figure '" + field + "'");
    }

    private static Object get(String field, Timeline.Second s) {
        try {
            return component(field).getAccessor().invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static double value(String field, Timeline.Second s) {
        return ((Number) get(field, s)).doubleValue();
    }

    /** As the summary JSON writes it. */
    private static String raw(String field, Timeline.Second s) {
        Object v = get(field, s);
        return v instanceof Double d ? Double.toString(d) : String.valueOf(v);
    }
}
