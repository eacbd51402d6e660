"""WeasyPrint rendering with a URL fetcher that reads nothing but data: URLs and our own asset directory."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document, Page
from weasyprint.text.fonts import FontConfiguration
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


# How a template names its stylesheets: files beside it, linked in its <head>.
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([\w.-]+\.css)">')


@cache
def _font_config() -> FontConfiguration:
    """One font configuration for every document this process renders. A new one per document (WeasyPrint's
    default) keeps its pango font map in native memory after the document is gone: about 0.25 MiB per 損害一覧,
    so a render process grew by hundreds of MiB over a 3,000-plaintiff bundle. Shared, it stays flat."""
    return FontConfiguration()


@cache
def _user_agent_stylesheet() -> CSS:
    return CSS(filename=str(Path(__file__).with_name("user_agent.css")), font_config=_font_config())


class _FilingHTML(HTML):
    """A document of our templates: WeasyPrint's user-agent stylesheet without the rules our markup cannot
    match (see user_agent.css). WeasyPrint offers no option for it; `_ua_stylesheets` is the method its own
    HTML class uses, stable within the pinned version (weasyprint>=70,<71)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_user_agent_stylesheet()]


@cache
def _stylesheet(path: Path) -> CSS:
    """A template's stylesheet, parsed once per process (the files are part of the code)."""
    return CSS(filename=str(path), url_fetcher=SafeURLFetcher((path.parent,)), font_config=_font_config())


def linked_stylesheets(html: str) -> list[str]:
    """The file names of the stylesheets a template's HTML links, in order."""
    return _STYLESHEET_LINK.findall(html)


def lay_out(html: str, base_dir: Path = TEMPLATES_DIR, *, extra_stylesheets: Sequence[CSS] = ()) -> Document:
    """Lay out one document. The stylesheets it links are given to WeasyPrint already parsed instead of being
    parsed again for every document (with the shared fonts, a quarter of a 損害一覧's time); the layout is the
    same, to the position of every word. A link to a file that is not there stays, for WeasyPrint to refuse.
    `extra_stylesheets` come after the linked ones (they win)."""
    root = base_dir.resolve()
    stylesheets: list[CSS] = []

    def parsed_once(link: re.Match[str]) -> str:
        path = root / link[1]
        if not path.is_file():
            return link[0]
        stylesheets.append(_stylesheet(path))
        return ""

    document = _FilingHTML(
        string=_STYLESHEET_LINK.sub(parsed_once, html),
        base_url=base_dir.as_uri() + "/",
        url_fetcher=SafeURLFetcher((base_dir,)),
    )
    with _resources_refused_as_render_error():
        return document.render(stylesheets=[*stylesheets, *extra_stylesheets], font_config=_font_config())


def write_pdf(document: Document, pages: list[Page]) -> bytes:
    """The given pages of laid-out documents as one PDF (WeasyPrint fetches attachments only now)."""
    with _resources_refused_as_render_error():
        pdf: bytes = document.copy(pages).write_pdf()
    return pdf


@contextmanager
def _resources_refused_as_render_error() -> Iterator[None]:
    try:
        yield
    except FatalURLFetchingError as exc:  # a BaseException: it must not escape into the worker thread
        raise RenderError(f"a resource of the document could not be loaded: {exc.__cause__ or exc}") from exc


def render_pdf(html: str, *, base_dir: Path = TEMPLATES_DIR) -> bytes:
    """Render an HTML document (whose relative links resolve in `base_dir`) to PDF bytes."""
    return render_pdf_set([html], base_dir=base_dir)


def render_pdf_set(htmls: list[str], *, base_dir: Path = TEMPLATES_DIR) -> bytes:
    """Several documents in one PDF, each laid out on its own (its own page numbers, "1 / 2"), written once so
    they share one font subset."""
    documents = [lay_out(html, base_dir) for html in htmls]
    return write_pdf(documents[0], [page for document in documents for page in document.pages])


def merge_pdfs(pdfs: list[bytes]) -> bytes:
    """One PDF of the given ones, in order (the chunks of a bundle rendered apart), joined on disk."""
    if len(pdfs) == 1:
        return pdfs[0]
    with tempfile.TemporaryDirectory(prefix="bengodan-merge-") as tmp:
        parts = []
        for index, pdf in enumerate(pdfs):
            path = Path(tmp) / f"{index:05d}.pdf"
            path.write_bytes(pdf)
            parts.append(path)
        return join_pdfs(parts, Path(tmp) / "merged.pdf")


def join_pdfs(parts: list[Path], out: Path, *, overlay: Path | None = None) -> bytes:
    """The PDF files `parts` in order as one (written to `out`), by poppler's pdfunite: for a 3,000-plaintiff
    bundle it keeps about 50 MiB where pypdf held 500 and qpdf 350. With `overlay`, that file's pages are then
    laid over theirs, page by page, by qpdf (the numbers of a document laid out in slices)."""
    joined = out.with_suffix(".joined.pdf") if overlay is not None else out
    _run_tool("pdfunite", [*map(str, parts), str(joined)])
    if overlay is not None:
        _run_tool("qpdf", [str(joined), "--overlay", str(overlay), "--", str(out)], done=(0, 3))  # 3: warnings
    return out.read_bytes()


# The programs that join PDF files, and the Debian package of each.
_TOOLS = {"pdfunite": "poppler-utils", "qpdf": "qpdf"}


def require_pdf_tools() -> None:
    """RenderError unless the programs that join PDF files are installed (else every bundle fails at its end)."""
    for name in _TOOLS:
        _tool(name)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RenderError(f"{name} (Debian package {_TOOLS[name]}) is not installed: PDF files cannot be joined")
    return path


def _run_tool(name: str, arguments: list[str], *, done: tuple[int, ...] = (0,)) -> None:
    # The arguments are our own temporary paths.
    result = subprocess.run([_tool(name), *arguments], capture_output=True, text=True)  # noqa: S603
    if result.returncode not in done:
        raise RenderError(f"the PDF files could not be joined ({name}): {result.stderr.strip()[:500]}")
