package dev.progy.cli.ui;

import java.util.List;

/** What the templates show (public: the templates, compiled into their own package, read them). */
public final class Views {
    private Views() { }

    /** The course's heading: name, XP, streak and how far the student is. */
    public record Heading(String course, String version, int xp, int streak, int longestStreak, int passed, int total) {
        public int percent() {
            return total == 0 ? 0 : passed * 100 / total;
        }
    }

    /** The course map. */
    public record CourseMap(Heading heading, List<Module> modules, String nextId, String nextTitle) { }

    /** A module of the map. */
    public record Module(String title, String dir, long done, int total, List<Row> exercises) { }

    /** An exercise on the map: {@code status} is passed, failed, todo or locked. */
    public record Row(String id, String title, String status, String statusText, boolean next, String lockReason,
                      boolean quiz, int xp) { }

    /** An exercise's page. */
    public record ExercisePage(Heading heading, String id, String title, String module, String status,
                               String statusText, String lockReason, String instructions, List<FileLink> files,
                               List<String> hints, int hintsTotal, boolean hasQuiz, boolean watching, Result result,
                               String previousId, String nextId, String notice, List<String> networkQuestion,
                               String tutorOffer, String tutor) { }

    /** The lessons received for an exercise ({@code lessons}: each one's HTML). */
    public record LessonsPage(Heading heading, String id, String title, List<String> lessons, String notice) { }

    /** A file the student edits, and how the page names it. */
    public record FileLink(String path, String shown) { }

    /** A run's result: {@code status} is pass, fail or error. */
    public record Result(String status, String statusText, String summary, List<Test> tests, List<Problem> problems,
                         String output, String duration) { }

    /** One test's line. */
    public record Test(String name, String status, String message) { }

    /** A compiler's or linter's diagnostic; {@code path} empty when it names no workspace file. */
    public record Problem(String severity, String message, String path, int line, String where) { }

    /** A quiz, and how it was graded when {@code graded}. */
    public record QuizPage(Heading heading, String id, String title, String quizTitle, String description,
                           List<Question> questions, boolean graded, boolean passed, String verdict) { }

    /**
     * A question as a form's fields: {@code kind} is choice, choices, truefalse, text, code, essay or matching.
     * {@code feedback} is empty until graded; {@code verdict} is right, wrong or unchecked.
     */
    public record Question(String id, int number, String kind, String text, List<Option> options, List<Pair> pairs,
                           List<String> rights, String starting, String given, String verdict, String feedback,
                           String rightAnswer, String explanation) { }

    /** A choice, and whether the student chose it. */
    public record Option(String id, String text, boolean chosen) { }

    /** A matching question's left side, and the right side the student picked. */
    public record Pair(String left, String chosen) { }

    /** Progress and achievements. */
    public record ProgressPage(Heading heading, List<Module> modules, List<QuizScore> quizzes, List<String> achievements) { }

    /** A quiz's best score. */
    public record QuizScore(String id, int best, boolean passed) { }

    /** Backup and sync. */
    public record SavePage(Heading heading, String backup, String sync, String notice) { }

    /** A refusal or a mistake, said plainly. */
    public record Problem403(String title, String message, String fix) { }
}
