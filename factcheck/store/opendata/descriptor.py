"""A Data Package's descriptor (datapackage.json or .yml) read and checked, before any resource is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import ImportDataError
from factcheck.store.opendata.common import MAX_DESCRIPTOR_BYTES, check_size

DESCRIPTOR_NAMES = ("datapackage.json", "datapackage.yml", "datapackage.yaml")


def load_descriptor(path: Path) -> tuple[Path, dict[str, Any], str]:
    """(package folder, descriptor, descriptor path) for a package folder or descriptor file."""
    if path.is_dir():
        found = [path / n for n in DESCRIPTOR_NAMES if (path / n).is_file()]
        if not found:
            raise ImportDataError(str(path), None, None, "no datapackage.json or datapackage.yml here",
                                  "point at a Data Package folder or its descriptor file")
        file = found[0]
    elif path.is_file():
        file = path
    else:
        raise ImportDataError(str(path), None, None, "no such file or folder", "check the path")
    check_size(file, MAX_DESCRIPTOR_BYTES)
    where = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
        descriptor = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except UnicodeDecodeError:
        raise ImportDataError(where, None, None, "the descriptor is not UTF-8", "save it as UTF-8") from None
    except json.JSONDecodeError as e:
        raise ImportDataError(where, e.lineno, None, f"not valid JSON: {e.msg}", "fix the descriptor") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise ImportDataError(where, mark.line + 1 if mark else None, None, f"not valid YAML: {e}",
                              "fix the descriptor") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ImportDataError(where, None, "resources", "the descriptor has no list of resources",
                              "a Data Package descriptor is an object with a 'resources' list")
    return file.parent, descriptor, where
