import re
import urllib.request


def links(url):
    html = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    return re.findall(r'href="([^"]+)"', html)
