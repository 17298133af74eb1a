"""A view: see README.md."""
import os

from django.http import JsonResponse

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"


def health(request):
    # TODO: return {"ok": True}
    return JsonResponse({})
