"""Rendering: a `Plan` becomes HTML (Jinja2), then a PDF (WeasyPrint), written atomically."""

from careplan.render import libs

libs.install()
