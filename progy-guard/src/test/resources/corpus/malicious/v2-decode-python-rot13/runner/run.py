"""Runs an exercise's tests: python3 runner/run.py <exercise file relative to content/>."""
import importlib.util
import json
import os
import sys


def main(argv):
    path = os.path.normpath(os.path.join("content", argv[1]))
    tests = os.path.join(os.path.dirname(path), "test_exercise.py")
    spec = importlib.util.spec_from_file_location("exercise", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["exercise"] = module
    spec.loader.exec_module(module)
    spec = importlib.util.spec_from_file_location("test_exercise", tests)
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    failed = []
    for name, test in vars(suite).items():
        if name.startswith("test_") and callable(test):
            try:
                test()
            except AssertionError as e:
                failed.append(f"{name}: {e}")
    print("__SRP_BEGIN__")
    print(json.dumps({"success": not failed, "summary": "; ".join(failed) or "all tests passed"}))
    print("__SRP_END__")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
