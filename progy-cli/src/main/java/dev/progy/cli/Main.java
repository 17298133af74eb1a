package dev.progy.cli;

/** Placeholder entry point; replaced as the CLI lands. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("progy");
    }
}
