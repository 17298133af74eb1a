"""The python-original course runner (and that of `progy new course --template python|docker` courses):
python3 runner/run.py <exercise file> <exercise id>

Run from the course root, e.g. ``python3 runner/run.py 01_basics/01_hello/exercise.py 01_basics/01_hello``
(the course's runner passes ``{{exercise}}`` and ``{{id}}``). Standard library only.

It loads the student's ``exercise.py`` as the module ``exercise``, then the exercise's ``test_exercise.py``
from the same folder, and calls each ``test_*`` function in the order they are written. A test fails by
raising (usually a failed ``assert`` with a message). The result is printed as an SRP block, the
original Progy's protocol: a JSON object between a ``__SRP_BEGIN__`` line and a ``__SRP_END__`` line.
A syntax error in the student's code is reported as a diagnostic with its file, line and column.
Exit code 0 when every test passed, 1 otherwise.
"""
import importlib.util
import json
import os
import signal
import sys
import time
import traceback

EXERCISES = "content"
TEST_TIME_LIMIT_SECONDS = 2  # per test; the course's runner timeout (20 s by default) covers the rest


class TookTooLong(Exception):
    pass


def main(argv):
    if len(argv) != 3:
        return report(False, "Usage: python3 runner/run.py <exercise file relative to content/> <exercise id>")
    exercise_file, exercise_id = argv[1], argv[2]
    path = os.path.normpath(os.path.join(EXERCISES, exercise_file))
    if os.path.isabs(exercise_file) or not path.startswith(EXERCISES + os.sep) or not os.path.isfile(path):
        return report(False, f"No exercise file {EXERCISES}/{exercise_file}: "
                             "run this from the course root with a path relative to content/.")
    tests_path = os.path.join(os.path.dirname(path), "test_exercise.py")
    if not os.path.isfile(tests_path):
        return report(False, f"The exercise has no tests: expected {tests_path}")

    sys.dont_write_bytecode = True  # leave no __pycache__ in the student's folder
    try:
        load("exercise", path)
        tests_module = load("test_exercise", tests_path)
    except SyntaxError as e:
        problem = diagnostic(f"{type(e).__name__}: {e.msg}", e.filename, e.lineno, e.offset, e.text)
        return report(False, f"{exercise_id}: your code has a syntax error.", diagnostics=[problem])
    except Exception as e:  # the code ran into an error while being loaded, e.g. a NameError at top level
        frame = traceback.extract_tb(e.__traceback__)[-1]
        problem = diagnostic(f"{type(e).__name__}: {e}", frame.filename, frame.lineno, None, frame.line)
        return report(False, f"{exercise_id}: your code fails as soon as it is loaded.", diagnostics=[problem])

    tests = [run(name, function) for name, function in vars(tests_module).items()
             if name.startswith("test_") and callable(function)]
    if not tests:
        return report(False, f"No tests found in {tests_path}: a test is a function named test_...")
    passed = sum(1 for t in tests if t["status"] == "pass")
    summary = (f"{exercise_id}: all {passed} tests passed." if passed == len(tests)
               else f"{exercise_id}: {passed} of {len(tests)} tests passed.")
    return report(passed == len(tests), summary, tests=tests, score=round(100 * passed / len(tests)))


def load(name, path):
    """Runs the file at path as the module name, so that tests can say ``from exercise import greet``."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run(name, test):
    """Calls one test with a time limit; a loop that never ends fails that test, not the whole run."""
    readable = name[len("test_"):].replace("_", " ")
    started = time.perf_counter()
    message = None
    try:
        with time_limit(TEST_TIME_LIMIT_SECONDS):
            test()
    except TookTooLong:
        message = "Did not finish in time: is there a loop that never ends?"
    except AssertionError as e:
        message = str(e) or "assert failed: " + (traceback.extract_tb(e.__traceback__)[-1].line or "")
    except Exception as e:
        message = f"Raised {type(e).__name__}: {e}{where_raised(e)}"
    result = {"name": readable, "status": "pass" if message is None else "fail",
              "duration": round((time.perf_counter() - started) * 1000, 1)}  # milliseconds
    if message is not None:
        result["message"] = message
    return result


class time_limit:
    """Raises TookTooLong in the main thread after some seconds, where the platform has SIGALRM (not Windows)."""

    def __init__(self, seconds):
        self.seconds = seconds if hasattr(signal, "setitimer") else None

    def __enter__(self):
        if self.seconds:
            signal.signal(signal.SIGALRM, self.expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)

    @staticmethod
    def expired(signum, frame):
        raise TookTooLong()


def where_raised(error):
    """' (exercise.py, line 3)' for the deepest frame in the student's file, so they know where to look."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if os.path.basename(frame.filename) == "exercise.py":
            return f" (exercise.py, line {frame.lineno})"
    return ""


def diagnostic(message, filename, line, column, snippet):
    problem = {"severity": "error", "message": message, "file": relative(filename), "line": line}
    if column:
        problem["column"] = column
    if snippet:
        problem["snippet"] = snippet.rstrip("\n")
    return problem


def relative(filename):
    return os.path.relpath(filename).replace(os.sep, "/") if filename else None


def report(success, summary, tests=(), diagnostics=(), score=None):
    """Prints a readable summary, then the SRP block Progy reads; returns the exit code."""
    for d in diagnostics:
        print(f"{d['file']}:{d['line']}: {d['message']}")
        if "snippet" in d:
            print("    " + d["snippet"].strip())
    for t in tests:
        print(("PASS " if t["status"] == "pass" else "FAIL ") + t["name"]
              + (": " + t["message"] if "message" in t else ""))
    print(summary)
    srp = {"success": success, "summary": summary, "tests": list(tests), "diagnostics": list(diagnostics)}
    if score is not None:
        srp["score"] = score
    print("__SRP_BEGIN__")
    print(json.dumps(srp))  # ASCII only, whatever the terminal's encoding
    print("__SRP_END__")
    return 0 if success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
