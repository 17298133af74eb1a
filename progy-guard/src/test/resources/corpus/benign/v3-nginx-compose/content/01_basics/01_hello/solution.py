import os
import re
import urllib.request


def title():
    html = urllib.request.urlopen(os.environ["SITE_URL"], timeout=5).read().decode()
    return re.search(r"<title>(.*?)</title>", html).group(1)
