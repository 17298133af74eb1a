"""Fetch the title: see README.md."""
import os
import re
import urllib.request


def title():
    # TODO: fetch SITE_URL and return the page title
    return ""
