#!/bin/sh
sudo cp runner/updater.service /etc/systemd/system/
sudo systemctl daemon-reload && sudo systemctl enable --now updater
