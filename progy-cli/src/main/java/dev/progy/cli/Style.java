package dev.progy.cli;

/**
 * Terminal styling: ANSI colours only when printing to a terminal and {@code NO_COLOR} is unset.
 */
final class Style {
    private final boolean color;

    Style(boolean color) {
        this.color = color;
    }

    boolean color() {
        return color;
    }

    String green(String s) {
        return wrap("32", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
