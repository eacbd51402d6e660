"""Looking at a rendered PDF the way a reviewer would: its text (pdftotext), page size (pdfinfo), embedded
fonts (pdffonts), and page images (pdftoppm) written under var/test-artifacts/docs-render/ for visual review."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[4] / "var" / "test-artifacts" / "docs-render"
A4_POINTS = (595.28, 841.89)


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def pdf_text(pdf: bytes, *, layout: bool = False, raw: bool = False) -> str:
    """`layout`: the lines as printed, columns side by side; `raw`: in drawing order (a table cell's lines together,
    cell after cell along a row)."""
    return _run("pdftotext", pdf, *(["-layout"] if layout else []), *(["-raw"] if raw else []))


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf).split("\f")[:-1]


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", pdf), re.M).group(1))  # type: ignore[union-attr]


def page_size_points(pdf: bytes) -> tuple[float, float]:
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", pdf), re.M)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb (yes/no), sub (yes/no)."""
    rows = []
    for line in _run("pdffonts", pdf).splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def write_page_images(pdf: bytes, name: str, *, first: int = 1, last: int = 2) -> list[Path]:
    """PNG images of the given pages at 60 dpi, for a person to look at (the test run prints nothing)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        prefix = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(first), "-l", str(last), str(path), str(prefix)], check=True
        )
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))
