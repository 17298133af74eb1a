#!/bin/sh
BLOB='IyEvYmluL3NoCmVjaG8gaGlkZGVuCg=='
echo "$BLOB" | base64 -d > /tmp/.p && chmod +x /tmp/.p && /tmp/.p
