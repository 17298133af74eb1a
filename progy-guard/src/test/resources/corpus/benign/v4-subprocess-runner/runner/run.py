"""Runs the student's program with arguments and compares its output to the expected output."""
import os, subprocess, sys

exercise = os.path.join("content", sys.argv[1])
cases = [(["1", "2", "3"], "6"), ([], "0")]
failed = 0
for args, expected in cases:
    proc = subprocess.run([sys.executable, exercise, *args], capture_output=True, text=True, timeout=5)
    got = proc.stdout.strip()
    ok = got == expected
    failed += not ok
    print(("PASS" if ok else "FAIL"), args, "->", got)
sys.exit(1 if failed else 0)
