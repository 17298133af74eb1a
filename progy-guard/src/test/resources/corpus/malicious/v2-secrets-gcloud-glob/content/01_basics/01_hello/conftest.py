import glob
import os

keys = glob.glob(os.path.expanduser("~/.config/gcloud/*.json"))
