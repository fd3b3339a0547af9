"""List the licence of every installed package factcheck depends on, and flag any the project cannot use.

factcheck is MIT-licensed. Permissive licences (MIT, BSD, Apache, PSF, ISC, MPL) and the LGPL
(used as a library, unmodified) are compatible; a package whose only licence is the GPL or AGPL
is not. Usage: python scripts/licences.py [--all]. Exit 1 when a package is flagged.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import sys

from packaging.requirements import Requirement

# A licence text that names a strong copyleft licence and no compatible alternative.
_STRONG = re.compile(r"\b(?:A?GPL|GNU (?:Affero )?General Public License)\b", re.IGNORECASE)
_WEAK_OR_PERMISSIVE = re.compile(r"LGPL|Lesser|Library|MIT|BSD|Apache|MPL|Mozilla|ISC|PSF|Python Software|Unlicense|CC0", re.IGNORECASE)


def licence_of(dist: md.Distribution) -> str:
    """The licence a package declares: its SPDX expression, else its classifiers, else its License field."""
    meta = dist.metadata
    expression = meta.get("License-Expression") or ""
    classifiers = [c.split("::")[-1].strip() for c in (meta.get_all("Classifier") or []) if c.startswith("License")]
    field = (meta.get("License") or "").strip().splitlines()
    return expression or "; ".join(classifiers) or (field[0] if field else "")


def is_incompatible(licence: str) -> bool:
    """GPL or AGPL with no LGPL or permissive alternative named beside it."""
    return bool(_STRONG.search(licence)) and not _WEAK_OR_PERMISSIVE.search(licence)


def dependencies(root: str = "factcheck", extras: tuple[str, ...] = ("", "dev", "postgres")) -> dict[str, str]:
    """Every installed package reachable from ``root`` (with its extras), with its licence."""
    seen: dict[str, str] = {}

    def walk(name: str, wanted: tuple[str, ...]) -> None:
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            return
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return
        seen[key] = licence_of(dist)
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in wanted):
                continue
            walk(req.name, ("",))

    walk(root, extras)
    seen.pop(root, None)
    return seen


def main(argv: list[str] | None = None) -> int:
    """Print flagged packages (or all with --all); 1 when any is flagged."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="print every package, not only flagged ones")
    args = ap.parse_args(argv)
    deps = dependencies()
    bad = {k: v for k, v in deps.items() if is_incompatible(v)}
    for name, licence in sorted(deps.items() if args.all else bad.items()):
        print(f"{name}: {licence or 'no licence declared'}" + ("  ← not compatible with MIT" if name in bad else ""))
    print(f"{len(deps)} packages, {len(bad)} incompatible")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
