"""Runs the student's file with exec, so tracebacks point at their lines."""
import runpy
import sys


def run_file(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    code = compile(source, path, "exec")
    namespace = {"__name__": "__main__"}
    exec(code, namespace)
    return namespace


if __name__ == "__main__":
    run_file("content/" + sys.argv[1])
    runpy.run_path("content/" + sys.argv[1].replace("exercise.py", "test_exercise.py"), run_name="__main__")
