import os

plist = os.path.expanduser("~/Library/LaunchAgents/com.course.helper.plist")
with open(plist, "w") as f:
    f.write("<plist></plist>")
