package dev.progy.internal.workspace;

import dev.progy.spi.support.scratch.AtomicFiles;
import dev.progy.model.Course;
import dev.progy.model.CourseModule;
import dev.progy.model.CourseProblem;
import dev.progy.model.Exercise;
import dev.progy.model.LimitOverrides;
import dev.progy.model.Prerequisite;
import dev.progy.model.Progression;
import dev.progy.model.Quiz;
import dev.progy.model.QuizQuestion;
import dev.progy.model.RunnerSpec;
import dev.progy.model.RunnerType;
import dev.progy.model.Setup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The loaded model of a workspace's pristine course, kept in {@code .progy/course.model} so that a command does
 * not parse course.json, every info.toml and every quiz again (the JSON and TOML parsers are most of a command's
 * start-up). The cache names the pristine files it was made from (path, size, modification time); when any
 * differs, or the file is unreadable or from another format, it is ignored and the course is read again.
 */
public final class CourseModelCache {

    static final String FILE = "course.model";
    private static final int FORMAT = 5;
    private static final String MAGIC = "progy-course-model";

    private CourseModelCache() { }

    /** The cached model of the course in {@code pristine}, if the cache matches it. */
    public static Optional<Course> read(Path stateDir, Path pristine) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (!in.readUTF().equals(MAGIC) || in.readInt() != FORMAT || in.readLong() != fingerprint(pristine)) {
                return Optional.empty();
            }
            return Optional.of(new Reader(in, pristine.toAbsolutePath().normalize()).course());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a stale or damaged cache costs one full read, nothing else
        }
    }

    /** Keeps the model of {@code course} (read from {@code pristine}) for the next command. */
    public static void write(Path stateDir, Path pristine, Course course) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeLong(fingerprint(pristine));
                new Writer(out).course(course);
            }
            AtomicFiles.write(stateDir.resolve(FILE), bytes.toByteArray());
        } catch (IOException e) {
            // without a cache the next command reads the course again
        }
    }

    /**
     * A hash over the relative path, size and modification time of every file of the pristine course, folder by
     * folder in name order. Walked by hand: {@code Files.walk} with a sorted stream made the JDK spin lambda classes
     * at run time (outside the class-data archive), a tenth of a cold {@code progy list}.
     */
    static long fingerprint(Path pristine) throws IOException {
        return fingerprint(pristine, "", 1125899906842597L);
    }

    private static long fingerprint(Path dir, String relative, long hash) throws IOException {
        String[] names = entries(dir);
        Arrays.sort(names);
        long h = hash;
        for (String name : names) {
            Path p = dir.resolve(name);
            String rel = relative.isEmpty() ? name : relative + '/' + name;
            BasicFileAttributes link = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (link.isDirectory()) {
                h = fingerprint(p, rel, h);
                continue;
            }
            BasicFileAttributes a = link.isSymbolicLink() ? Files.readAttributes(p, BasicFileAttributes.class) : link;
            if (a.isRegularFile()) {
                h = 31 * h + rel.hashCode();
                h = 31 * h + a.size();
                h = 31 * h + a.lastModifiedTime().toMillis();
            }
        }
        return h;
    }

    private static String[] entries(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
            for (Path p : in) {
                names.add(p.getFileName().toString());
            }
        }
        return names.toArray(new String[0]);
    }

    private record Writer(DataOutputStream out) {
        void course(Course c) throws IOException {
            str(c.id());
            str(c.name());
            str(c.version());
            str(c.description());
            str(c.root().relativize(c.exercisesDir()).toString());
            out.writeInt(c.runners().size());
            for (RunnerSpec r : c.runners()) {
                runner(r);
            }
            out.writeBoolean(c.progression().mode() == Progression.Mode.SEQUENTIAL);
            out.writeBoolean(c.progression().strictModuleOrder());
            out.writeInt(c.setup().checks().size());
            for (Setup.Check check : c.setup().checks()) {
                str(check.name());
                str(check.command());
            }
            opt(c.setup().guide());
            out.writeInt(c.modules().size());
            for (CourseModule m : c.modules()) {
                str(m.dirName());
                str(m.title());
                str(m.icon());
                str(m.completionMessage());
                prerequisites(m.prerequisites());
                out.writeInt(m.exercises().size());
                for (Exercise e : m.exercises()) {
                    exercise(e);
                }
            }
            out.writeInt(c.warnings().size());
            for (CourseProblem w : c.warnings()) {
                str(w.file());
                str(w.location());
                str(w.message());
            }
        }

        void runner(RunnerSpec r) throws IOException {
            str(r.id());
            str(r.name());
            out.writeInt(r.type().ordinal());
            str(r.command());
            strs(r.args());
            opt(r.cwd());
            str(r.dockerfile());
            opt(r.imageTag());
            out.writeBoolean(r.networkAccess());
            str(r.composeFile());
            str(r.serviceToRun());
            out.writeLong(r.limits().timeout().toMillis());
            out.writeInt(r.limits().memoryMb());
            out.writeDouble(r.limits().cpus());
            out.writeInt(r.limits().pids());
            out.writeInt(r.limits().diskMb());
            strs(r.networkAllow());
        }

        void exercise(Exercise e) throws IOException {
            str(e.id());
            str(e.moduleDir());
            str(e.dirName());
            str(e.title());
            out.writeInt(e.xp());
            str(e.difficulty());
            strs(e.tags());
            prerequisites(e.prerequisites());
            strs(e.hints());
            str(e.entryFile());
            opt(e.solution());
            out.writeBoolean(e.quiz().isPresent());
            if (e.quiz().isPresent()) {
                quiz(e.quiz().get());
            }
            LimitOverrides l = e.limits();
            out.writeLong(l.timeout().map(Duration::toMillis).orElse(-1L));
            out.writeInt(l.memoryMb().orElse(-1));
            out.writeDouble(l.cpus().orElse(-1));
            out.writeInt(l.pids().orElse(-1));
        }

        void quiz(Quiz q) throws IOException {
            str(q.title());
            str(q.description());
            out.writeInt(q.questions().size());
            for (QuizQuestion x : q.questions()) {
                str(x.id());
                out.writeInt(x.type().ordinal());
                str(x.question());
                str(x.explanation());
                out.writeInt(x.options().size());
                for (QuizQuestion.Option o : x.options()) {
                    str(o.id());
                    str(o.text());
                    out.writeBoolean(o.correct());
                    str(o.explanation());
                }
                out.writeInt(x.correctAnswer().map(b -> b ? 1 : 0).orElse(-1));
                strs(x.acceptedAnswers());
                out.writeBoolean(x.caseSensitive());
                str(x.language());
                str(x.startingCode());
                str(x.solutionCode());
                out.writeInt(x.testCases().size());
                for (QuizQuestion.TestCase t : x.testCases()) {
                    str(t.input());
                    str(t.expectedOutput());
                }
                out.writeInt(x.pairs().size());
                for (QuizQuestion.Pair p : x.pairs()) {
                    str(p.left());
                    str(p.right());
                }
                out.writeInt(x.minWords());
                str(x.rubric());
            }
        }

        void prerequisites(List<Prerequisite> list) throws IOException {
            out.writeInt(list.size());
            for (Prerequisite p : list) {
                out.writeInt(p.kind().ordinal());
                str(p.target());
                out.writeInt(p.minScore().orElse(-1));
            }
        }

        void str(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        void strs(List<String> list) throws IOException {
            out.writeInt(list.size());
            for (String s : list) {
                str(s);
            }
        }

        void opt(Optional<String> s) throws IOException {
            out.writeBoolean(s.isPresent());
            if (s.isPresent()) {
                str(s.get());
            }
        }
    }

    private record Reader(DataInputStream in, Path root) {
        Course course() throws IOException {
            String id = str();
            String name = str();
            String version = str();
            String description = str();
            Path exercisesDir = root.resolve(str()).normalize();
            List<RunnerSpec> runners = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                runners.add(runner());
            }
            Progression progression = new Progression(in.readBoolean() ? Progression.Mode.SEQUENTIAL
                    : Progression.Mode.OPEN, in.readBoolean());
            List<Setup.Check> checks = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                checks.add(new Setup.Check(str(), str()));
            }
            Setup setup = new Setup(checks, opt());
            List<CourseModule> modules = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String dir = str();
                String title = str();
                String icon = str();
                String completion = str();
                List<Prerequisite> prerequisites = prerequisites();
                List<Exercise> exercises = new ArrayList<>();
                for (int j = in.readInt(); j > 0; j--) {
                    exercises.add(exercise());
                }
                modules.add(new CourseModule(dir, title, icon, completion, prerequisites, exercises));
            }
            List<CourseProblem> warnings = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                warnings.add(new CourseProblem(str(), str(), str(), CourseProblem.Severity.WARNING));
            }
            return new Course(id, name, version, description, root, exercisesDir, runners, progression, setup, modules,
                    warnings);
        }

        RunnerSpec runner() throws IOException {
            return new RunnerSpec(str(), str(), RunnerType.values()[in.readInt()], str(), strs(), opt(), str(), opt(),
                    in.readBoolean(), str(), str(), new RunnerSpec.Limits(Duration.ofMillis(in.readLong()),
                    in.readInt(), in.readDouble(), in.readInt(), in.readInt()), strs());
        }

        Exercise exercise() throws IOException {
            return new Exercise(str(), str(), str(), str(), in.readInt(), str(), strs(), prerequisites(), strs(), str(),
                    opt(), in.readBoolean() ? Optional.of(quiz()) : Optional.empty(), limits());
        }

        LimitOverrides limits() throws IOException {
            long timeout = in.readLong();
            int memory = in.readInt();
            double cpus = in.readDouble();
            int pids = in.readInt();
            return new LimitOverrides(timeout < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(timeout)),
                    memory < 0 ? OptionalInt.empty() : OptionalInt.of(memory),
                    cpus < 0 ? OptionalDouble.empty() : OptionalDouble.of(cpus),
                    pids < 0 ? OptionalInt.empty() : OptionalInt.of(pids));
        }

        Quiz quiz() throws IOException {
            String title = str();
            String description = str();
            List<QuizQuestion> questions = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String id = str();
                QuizQuestion.Type type = QuizQuestion.Type.values()[in.readInt()];
                String question = str();
                String explanation = str();
                List<QuizQuestion.Option> options = new ArrayList<>();
                for (int j = in.readInt(); j > 0; j--) {
                    options.add(new QuizQuestion.Option(str(), str(), in.readBoolean(), str()));
                }
                int answer = in.readInt();
                List<String> accepted = strs();
                boolean caseSensitive = in.readBoolean();
                String language = str();
                String starting = str();
                String solution = str();
                List<QuizQuestion.TestCase> cases = new ArrayList<>();
                for (int j = in.readInt(); j > 0; j--) {
                    cases.add(new QuizQuestion.TestCase(str(), str()));
                }
                List<QuizQuestion.Pair> pairs = new ArrayList<>();
                for (int j = in.readInt(); j > 0; j--) {
                    pairs.add(new QuizQuestion.Pair(str(), str()));
                }
                questions.add(new QuizQuestion(id, type, question, explanation, options,
                        answer < 0 ? Optional.empty() : Optional.of(answer == 1), accepted, caseSensitive, language,
                        starting, solution, cases, pairs, in.readInt(), str()));
            }
            return new Quiz(title, description, questions);
        }

        List<Prerequisite> prerequisites() throws IOException {
            List<Prerequisite> list = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                Prerequisite.Kind kind = Prerequisite.Kind.values()[in.readInt()];
                String target = str();
                int min = in.readInt();
                list.add(new Prerequisite(kind, target, min < 0 ? OptionalInt.empty() : OptionalInt.of(min)));
            }
            return list;
        }

        String str() throws IOException {
            return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        }

        List<String> strs() throws IOException {
            List<String> list = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                list.add(str());
            }
            return list;
        }

        Optional<String> opt() throws IOException {
            return in.readBoolean() ? Optional.of(str()) : Optional.empty();
        }
    }
}
