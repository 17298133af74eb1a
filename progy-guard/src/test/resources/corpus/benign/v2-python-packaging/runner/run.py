"""Installs the exercise as a package into a scratch venv and runs its tests."""
import os
import subprocess
import sys
import tempfile
import venv


def main(argv):
    folder = os.path.dirname(os.path.join("content", argv[1]))
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        python = os.path.join(tmp, "bin", "python")
        env = os.environ.copy()
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        subprocess.check_call([python, "-m", "pip", "install", "-q", "-e", folder], env=env)
        return subprocess.call([python, "-m", "pytest", "-q", folder], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
