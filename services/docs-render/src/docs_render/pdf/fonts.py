"""The start-up check for the Mincho font: without a CJK font WeasyPrint prints Japanese as blank space,
silently, so a missing font must stop the service instead."""

from __future__ import annotations

import ctypes.util
import logging
import shutil
import subprocess

log = logging.getLogger(__name__)

# In the order of the stylesheet's font-family list (see templates/filing.css).
MINCHO_FAMILIES = ("IPAexMincho", "Noto Serif CJK JP")

INSTALL_HINT = "install the Debian packages fonts-ipaexfont-mincho (IPAexMincho) and fonts-noto-cjk (Noto Serif CJK JP)"


class MissingFontError(RuntimeError):
    pass


def installed_families() -> set[str]:
    """Every font family fontconfig knows (each alias of a font, e.g. 'IPAexMincho' and 'IPAex明朝')."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise MissingFontError(f"fc-list (fontconfig) is not installed, so fonts cannot be checked; {INSTALL_HINT}")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [fc_list, ":", "family"], capture_output=True, text=True, check=True, timeout=30
    )
    families: set[str] = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def require_mincho_font() -> str:
    """Return the first Mincho family installed; raise MissingFontError when there is none."""
    families = installed_families()
    for family in MINCHO_FAMILIES:
        if family in families:
            if ctypes.util.find_library("harfbuzz-subset") is None:
                log.warning("libharfbuzz-subset0 is missing: Japanese PDFs render 25-50x slower (apt install it)")
            return family
    raise MissingFontError(
        f"no Japanese Mincho font is installed (looked for {', '.join(MINCHO_FAMILIES)}); "
        f"filings would print blank text. Fix: {INSTALL_HINT}"
    )
