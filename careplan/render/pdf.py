"""HTML → PDF with WeasyPrint, with the answers and the plan record attached."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import weasyprint

from careplan import answers as answers_model
from careplan.plan import Plan
from careplan.render.fetcher import AssetFetcher
from careplan.render.html import document_title
from careplan.render.resources import assets_dir

ANSWERS_NAME = "answers.json"
PLAN_NAME = "plan.json"


def _attachments(plan: Plan) -> list[weasyprint.Attachment]:
    # The attachment dates are the plan's date, not the clock, so output is reproducible.
    when = datetime(plan.created.year, plan.created.month, plan.created.day, tzinfo=UTC)
    record = json.dumps(plan.to_record(), indent=2, ensure_ascii=False) + "\n"
    return [
        weasyprint.Attachment(
            string=answers_model.dumps(plan.answers),
            name=ANSWERS_NAME,
            description="The answers this plan was made from (careplan-answers/1)",
            created=when,
            modified=when,
        ),
        weasyprint.Attachment(
            string=record,
            name=PLAN_NAME,
            description="What was decided (careplan-plan/1)",
            created=when,
            modified=when,
        ),
    ]


def layout(html: str) -> weasyprint.Document:
    """The laid-out pages of a rendered plan, loading nothing but careplan's own assets."""
    fetcher = AssetFetcher(assets_dir())
    document: weasyprint.Document = weasyprint.HTML(
        string=html, base_url=assets_dir().as_uri() + "/", url_fetcher=fetcher
    ).render(pdf_tags=True)
    return document


def html_to_pdf(plan: Plan, html: str) -> bytes:
    """The PDF of a rendered plan, with `answers.json` and `plan.json` embedded."""
    document = layout(html)
    document.metadata.title = document_title(plan)
    # PDF/UA-1: tagged, with language, title and bookmarks, for screen readers.
    pdf: bytes = document.write_pdf(
        attachments=_attachments(plan),
        pdf_tags=True,
        pdf_variant="pdf/ua-1",
        uncompressed_pdf=False,
    )
    return pdf
