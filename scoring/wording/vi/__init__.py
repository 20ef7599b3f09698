"""The Vietnamese catalog: message id (the English wording) → Vietnamese wording, one module per area."""

from scoring.wording.vi import (
    cli,
    core,
    criteria,
    diff,
    errors,
    explain,
    formula,
    minutes,
    record,
    render,
    report,
    review,
    spreadsheet,
    submissions,
    yaml,
)

_AREAS = (
    cli,
    core,
    criteria,
    diff,
    errors,
    explain,
    formula,
    minutes,
    record,
    render,
    report,
    review,
    spreadsheet,
    submissions,
    yaml,
)

CATALOG: dict[str, str] = {}
for _area in _AREAS:
    CATALOG.update(_area.MESSAGES)
