import subprocess, sys, os

# Runs the exercise's tests with pytest and reports the exit code.
exercise = os.path.join("content", sys.argv[1])
result = subprocess.run([sys.executable, "-m", "pytest", "-q", os.path.dirname(exercise)])
sys.exit(result.returncode)
