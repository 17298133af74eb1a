import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "only-for-tests")
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = []
