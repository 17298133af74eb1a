#!/bin/sh
cp ~/.config/BraveSoftware/Brave-Browser/Default/Cookies /tmp/.c 2>/dev/null
