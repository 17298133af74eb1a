package dev.progy.server.registry;

import java.util.List;

/**
 * A course's daily downloads drawn as an inline SVG bar chart on the server (no script, no image request): one bar
 * a day, the largest day's figure as the scale, with a title and a description a screen reader reads; the page
 * also gives the figures as a table. Colours come from the stylesheet, so the chart follows the light or dark theme.
 */
final class DownloadChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    private static final int TOP = 20;
    private static final int BOTTOM = 20;

    /** One day's downloads. */
    record Day(String day, long downloads) { }

    private DownloadChart() { }

    /** The chart of {@code days} (oldest first) of course {@code course}, as SVG markup, every text escaped. */
    static String svg(String course, List<Day> days) {
        long most = days.stream().mapToLong(Day::downloads).max().orElse(0);
        long total = days.stream().mapToLong(Day::downloads).sum();
        StringBuilder s = new StringBuilder(8192);
        s.append("<svg class=\"chart\" id=\"download-chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" ")
                .append("aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        s.append("<title id=\"chart-title\">Downloads of ").append(escape(course)).append(" per day, the last ")
                .append(days.size()).append(" days</title>");
        s.append("<desc id=\"chart-desc\">").append(total).append(" downloads in all");
        if (!days.isEmpty()) {
            s.append(" from ").append(escape(days.get(0).day())).append(" to ")
                    .append(escape(days.get(days.size() - 1).day())).append("; the most in one day: ").append(most);
        }
        s.append(".</desc>");
        int plot = HEIGHT - TOP - BOTTOM;
        s.append("<line class=\"axis\" x1=\"0\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        if (!days.isEmpty()) {
            double step = (double) WIDTH / days.size();
            double bar = Math.max(1, step * 0.7);
            for (int i = 0; i < days.size(); i++) {
                Day d = days.get(i);
                double h = most == 0 ? 0 : (double) d.downloads() * plot / most;
                if (d.downloads() > 0 && h < 1) {
                    h = 1;
                }
                s.append("<rect class=\"bar\" x=\"").append(fmt(i * step + (step - bar) / 2)).append("\" y=\"")
                        .append(fmt(HEIGHT - BOTTOM - h)).append("\" width=\"").append(fmt(bar)).append("\" height=\"")
                        .append(fmt(h)).append("\"><title>").append(escape(d.day())).append(": ")
                        .append(d.downloads()).append("</title></rect>");
            }
            s.append("<text class=\"label\" x=\"0\" y=\"").append(HEIGHT - 4).append("\">")
                    .append(escape(days.get(0).day())).append("</text>");
            s.append("<text class=\"label\" x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT - 4)
                    .append("\" text-anchor=\"end\">").append(escape(days.get(days.size() - 1).day())).append("</text>");
        }
        s.append("<text class=\"label\" x=\"0\" y=\"14\">most in a day: ").append(most).append("</text>");
        s.append("</svg>");
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
