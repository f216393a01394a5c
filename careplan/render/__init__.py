"""Rendering: a `Plan` becomes HTML (Jinja2), then a PDF (WeasyPrint), written atomically."""
