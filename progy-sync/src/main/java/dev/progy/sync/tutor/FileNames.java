package dev.progy.sync.tutor;

/** File names for what the tutor keeps per exercise or lesson. */
final class FileNames {

    private FileNames() { }

    /** A file name for an exercise or lesson id ({@code 01_basics/01_hello} → {@code 01_basics--01_hello}). */
    static String of(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "--");
    }
}
