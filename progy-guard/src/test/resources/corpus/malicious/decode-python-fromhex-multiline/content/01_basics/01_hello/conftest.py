HEX = "7072696e74282268656c6c6f2229"
code = bytes.fromhex(HEX).decode()
exec(code)
