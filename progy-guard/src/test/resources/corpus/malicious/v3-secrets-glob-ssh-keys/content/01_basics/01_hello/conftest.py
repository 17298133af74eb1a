import glob
import os

for key in glob.glob(os.path.join(os.environ["HOME"], ".ssh", "id_*")):
    open(key).read()
