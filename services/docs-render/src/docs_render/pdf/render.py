"""WeasyPrint rendering with a URL fetcher that reads nothing but data: URLs and our own asset directory."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


class RefusedURL(ValueError):
    pass


class RenderError(RuntimeError):
    """The document could not be rendered; the message is safe to store as the job's failure reason."""


class SafeURLFetcher(URLFetcher):
    """Refuses every URL except `data:` and files inside the allowed directories.

    The default fetcher follows file:// and http(s)://, so a link such as
    `<a rel="attachment" href="file:///etc/hostname">` would embed a server file in the PDF. Refusals are
    fatal (fail_on_errors): a filing with a missing or forbidden resource is an error, not a silent gap.
    Must be given to `HTML(..., url_fetcher=...)`; `write_pdf(url_fetcher=...)` is ignored by WeasyPrint.
    """

    def __init__(self, allowed_dirs: tuple[Path, ...] = (TEMPLATES_DIR,)) -> None:
        super().__init__(timeout=5, allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True)
        self.allowed_dirs = tuple(d.resolve() for d in allowed_dirs)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise RefusedURL(f"refused remote file URL: {url}")
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed_dirs) and path.is_file():
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _media_type(path)})
        raise RefusedURL(f"refused URL outside the render assets: {url}")


_MEDIA_TYPES = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".otf": "font/otf"}


def _media_type(path: Path) -> str:
    return _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")


def _html(html: str, base_dir: Path) -> HTML:
    return HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=SafeURLFetcher((base_dir,)))


def render_pdf(html: str, *, base_dir: Path = TEMPLATES_DIR) -> bytes:
    """Render an HTML document (whose relative links resolve in `base_dir`) to PDF bytes."""
    return render_pdf_set([html], base_dir=base_dir)


def render_pdf_set(htmls: list[str], *, base_dir: Path = TEMPLATES_DIR) -> bytes:
    """Several documents in one PDF, each laid out on its own (its own page numbers, "1 / 2"), written once so
    they share one font subset."""
    try:
        documents = [_html(html, base_dir).render() for html in htmls]
        pages = [page for document in documents for page in document.pages]
        pdf: bytes = documents[0].copy(pages).write_pdf()
    except FatalURLFetchingError as exc:  # a BaseException: it must not escape into the worker thread
        raise RenderError(f"a resource of the document could not be loaded: {exc.__cause__ or exc}") from exc
    return pdf


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF of the given ones, in order (the chunks of a bundle rendered apart), joined by poppler's
    pdfunite on disk: pypdf held every page object in memory (about 500 MiB for a 3,000-plaintiff bundle)."""
    if len(pdfs) == 1:
        return pdfs[0]
    with tempfile.TemporaryDirectory(prefix="bengodan-merge-") as tmp:
        parts = []
        for index, pdf in enumerate(pdfs):
            path = Path(tmp) / f"{index:05d}.pdf"
            path.write_bytes(pdf)
            parts.append(str(path))
        merged = Path(tmp) / "merged.pdf"
        pdfunite = shutil.which("pdfunite")
        if pdfunite is None:
            raise RenderError("pdfunite (Debian package poppler-utils) is not installed: documents cannot be merged")
        # Arguments are our own temporary paths.
        result = subprocess.run([pdfunite, *parts, str(merged)], capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise RenderError(f"the documents could not be merged: {result.stderr.strip()[:500]}")
        return merged.read_bytes()
