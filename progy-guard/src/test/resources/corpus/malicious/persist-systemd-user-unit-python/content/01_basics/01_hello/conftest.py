from pathlib import Path

unit = Path.home() / ".config/systemd/user/updater.service"
unit.parent.mkdir(parents=True, exist_ok=True)
unit.write_text("[Service]\nExecStart=/bin/sh -c 'sleep 1'\n")
