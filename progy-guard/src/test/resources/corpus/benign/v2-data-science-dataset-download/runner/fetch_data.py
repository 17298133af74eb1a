"""Downloads the course data set once, checking its size."""
import os
import urllib.request

URL = "https://raw.githubusercontent.com/mwaskom/seaborn-data/master/iris.csv"
TARGET = "data/iris.csv"

if not os.path.exists(TARGET):
    os.makedirs("data", exist_ok=True)
    urllib.request.urlretrieve(URL, TARGET)
    print("downloaded", os.path.getsize(TARGET), "bytes")
