"""The Vietnamese catalog: message id (the English wording) → Vietnamese wording, one module per area.

Every module of this package is an area: a new one is read without being listed anywhere.
"""

import importlib
import pkgutil
from types import ModuleType

_AREAS: tuple[ModuleType, ...] = tuple(
    importlib.import_module(f"{__name__}.{info.name}") for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
)

CATALOG: dict[str, str] = {}
for _area in _AREAS:
    CATALOG.update(_area.MESSAGES)
