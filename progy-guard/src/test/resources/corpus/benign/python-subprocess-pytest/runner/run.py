"""Runs pytest on one exercise folder and reports its exit code."""
import os
import subprocess
import sys


def main(argv):
    folder = os.path.dirname(os.path.join("content", argv[1]))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", folder], env=env, check=False)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
