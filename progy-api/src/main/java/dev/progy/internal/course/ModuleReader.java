package dev.progy.internal.course;

import dev.progy.model.CourseModule;
import dev.progy.model.Exercise;
import dev.progy.spi.support.protocol.Placeholders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the modules under the exercises folder, each with its info.toml and its exercise folders. */
final class ModuleReader {

    private final Problems problems;
    private final List<PrerequisiteLinks.Declared> declared = new ArrayList<>();

    ModuleReader(Problems problems) {
        this.problems = problems;
    }

    /** Every prerequisite met while reading, with where it was written, to be checked once all is read. */
    List<PrerequisiteLinks.Declared> declaredPrerequisites() {
        return declared;
    }

    List<CourseModule> readAll(Path exercisesDir) {
        List<CourseModule> modules = new ArrayList<>();
        for (String name : numberedFolders(exercisesDir, "module")) {
            modules.add(read(exercisesDir.resolve(name)));
        }
        if (modules.isEmpty()) {
            problems.add(exercisesDir, "", "holds no modules: a course needs at least one module folder named like"
                    + " 01_basics, with exercise folders inside");
        }
        return modules;
    }

    private CourseModule read(Path moduleDir) {
        String moduleName = moduleDir.getFileName().toString();
        ModuleInfo info = ModuleInfoReader.read(moduleDir, problems);
        Path infoFile = moduleDir.resolve(ModuleInfoReader.FILE);
        for (ModuleInfo.Written w : info.prerequisites()) {
            declared.add(new PrerequisiteLinks.Declared(w.prerequisite(), infoFile, w.location(), moduleName));
        }

        List<String> folders = numberedFolders(moduleDir, "exercise");
        Map<String, ModuleInfo.ExerciseEntry> listed = info.exercises();
        Optional<String> singleFile = ExerciseReader.singleFileEntry(moduleDir);
        Optional<String> singleName = singleFile.map(ExerciseReader::stem);
        for (ModuleInfo.ExerciseEntry entry : listed.values()) {
            if (!folders.contains(entry.folder()) && !singleName.filter(entry.folder()::equals).isPresent()
                    && !Files.isDirectory(moduleDir.resolve(entry.folder()))) { // a refused folder is reported as such
                // the original skipped such entries; so does Progy, but the author should hear of it
                String closest = Spelling.closest(entry.folder(), folders);
                problems.warn(infoFile, entry.location(), "[exercises] lists \"" + entry.folder() + "\", but "
                        + problems.relative(moduleDir) + " has no such exercise folder"
                        + (closest == null ? "" : " (did you mean \"" + closest + "\"?)")
                        + "; the entry is skipped: remove it or add the folder");
            }
        }
        // info.toml order first, then the folders it does not list, by number
        Set<String> order = new LinkedHashSet<>();
        listed.keySet().stream().filter(folders::contains).forEach(order::add);
        order.addAll(folders);

        List<Exercise> exercises = new ArrayList<>();
        String moduleTitle = info.title().filter(t -> !t.isBlank()).orElse(FolderNames.title(moduleName));
        if (singleFile.isPresent()) {
            // the original's single-file exercise: the starter lies in the module folder itself
            Optional<ModuleInfo.ExerciseEntry> entry = Optional.ofNullable(listed.get(singleName.get()));
            Exercise exercise = ExerciseReader.readSingleFile(moduleDir, singleFile.get(), moduleName, moduleTitle,
                    entry, problems);
            entry.ifPresent(e -> e.prerequisites().forEach(w -> declared.add(
                    new PrerequisiteLinks.Declared(w.prerequisite(), infoFile, w.location(), exercise.id()))));
            exercises.add(exercise);
        }
        for (String folder : order) {
            Optional<ModuleInfo.ExerciseEntry> entry = Optional.ofNullable(listed.get(folder));
            Exercise exercise = ExerciseReader.read(moduleDir.resolve(folder), moduleName, entry, problems);
            entry.ifPresent(e -> e.prerequisites().forEach(w -> declared.add(
                    new PrerequisiteLinks.Declared(w.prerequisite(), infoFile, w.location(), exercise.id()))));
            exercises.add(exercise);
        }
        return new CourseModule(
                moduleName,
                moduleTitle,
                info.icon(),
                info.completionMessage(),
                info.prerequisites().stream().map(ModuleInfo.Written::prerequisite).toList(),
                exercises);
    }

    /** The {@code NN_name} sub-folders of {@code dir} in order, reporting misnamed ones (which are skipped). */
    private List<String> numberedFolders(Path dir, String kind) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !FolderNames.isIgnored(n))
                    .forEach(names::add);
        } catch (IOException e) {
            problems.add(dir, "", "cannot be listed: " + e.getMessage());
            return names;
        }
        List<String> numbered = new ArrayList<>();
        for (String name : names) {
            if (!FolderNames.isNumbered(name)) {
                if (kind.equals("exercise") && name.equals("solution")
                        && ExerciseReader.singleFileEntry(dir).isPresent()) {
                    continue; // the solution of the module's single-file exercise
                }
                // the original ignored such folders: the course runs without them
                problems.warn(dir.resolve(name), "", kind + " folder \"" + name + "\" is misnamed: " + kind
                        + " folders are named " + FolderNames.EXPECTED + "; it is skipped until renamed");
            } else if (!Placeholders.isSafeName(name)) {
                // the same rule the runners hold an exercise's id and path to: one rule, so no command disagrees
                problems.add(dir.resolve(name), "", kind + " folder \"" + name + "\" has characters a runner refuses"
                        + " (a name may hold only " + Placeholders.SAFE_NAME + "); rename it, e.g. "
                        + FolderNames.safe(name));
            } else {
                numbered.add(name);
            }
        }
        numbered.sort(FolderNames.ORDER);
        return numbered;
    }
}
