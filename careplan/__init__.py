"""careplan: a printed, personal care plan for a back muscle spasm."""

__version__ = "0.1.0"
