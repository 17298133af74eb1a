package dev.progy.cli;

import dev.progy.error.NotFoundException;
import dev.progy.Workspace;
import dev.progy.model.RunnerSpec;
import picocli.CommandLine.Option;

/** {@code --runner}: which of the course's runners checks the exercise (its container variant, say). */
final class CourseRunnerOption {
    static final String ABOUT = "Which of the course's runners to use (default: the first in course.json), e.g. "
            + "container for a course's container variant.";

    @Option(names = "--runner", paramLabel = "<id>", description = ABOUT)
    String id;

    /** The runner named by {@code --runner}, else the course's default one. */
    RunnerSpec pick(Workspace ws) {
        if (id == null) {
            return ws.course().defaultRunner();
        }
        return ws.course().runners().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("the course has no runner '" + id + "'",
                        "use one of " + ws.course().runners().stream().map(RunnerSpec::id).toList()));
    }
}
