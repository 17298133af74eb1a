from pathlib import Path

data = (Path("/etc") / "shadow").read_text()
