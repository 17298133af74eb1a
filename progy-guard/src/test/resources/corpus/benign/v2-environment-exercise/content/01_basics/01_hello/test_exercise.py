import json
import os
import tempfile

from exercise import snapshot


def test_snapshot_has_path():
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "env.json")
        snapshot(target)
        with open(target) as f:
            assert "PATH" in json.load(f)
