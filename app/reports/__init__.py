"""Credit reports: the model, the importers and the findings. Pure: no database, no web, no clock.

The web layer and the `recourse report` command both call `import_report` then `analyze`.
"""

from app.reports.analysis import (
    CATEGORIES,
    RULES,
    Finding,
    ItemChange,
    Rule,
    analyze,
    compare_reports,
    timeline,
)
from app.reports.importers import (
    FORMATS,
    ImportError_,
    ImportResult,
    Question,
    Understood,
    Unread,
    guess_format,
    import_report,
    import_reports,
)
from app.reports.model import Account, Inquiry, PersonalInfo, PublicRecord, Report

__all__ = [
    "CATEGORIES", "FORMATS", "RULES", "Account", "Finding", "ImportError_", "ImportResult",
    "Inquiry", "ItemChange", "PersonalInfo", "PublicRecord", "Question", "Report", "Rule",
    "Understood", "Unread", "analyze", "compare_reports", "guess_format", "import_report",
    "import_reports", "timeline",
]  # fmt: skip
