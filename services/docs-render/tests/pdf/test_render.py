"""WeasyPrint set-up: nothing is fetched outside our assets, the font check, autoescaping."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docs_render_builders import FakeClaimsApi, make_damage_item, plaintiff_one, schedule_html

from docs_render.pdf import MissingFontError, RenderError, render_pdf, require_mincho_font
from docs_render.pdf import fonts as fonts_module

PAGE = '<html><head><link rel="stylesheet" href="filing.css"></head><body><p>訴状</p>{}</body></html>'


def attachments(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True).stdout


def test_a_local_file_outside_the_assets_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not embed")
    with pytest.raises(RenderError, match="refused URL outside the render assets"):
        render_pdf(PAGE.format(f'<a rel="attachment" href="{secret.as_uri()}">x</a>'))


def test_remote_urls_are_refused() -> None:
    with pytest.raises(RenderError, match="refused"):
        render_pdf(PAGE.format('<img src="http://127.0.0.1:9/x.png">'))


def test_data_urls_and_the_stylesheet_are_allowed(tmp_path: Path) -> None:
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA="
    pdf = render_pdf(PAGE.format(f'<img src="{pixel}">'))
    assert pdf.startswith(b"%PDF-")
    assert "0 embedded files" in attachments(pdf, tmp_path)


def test_the_mincho_font_is_installed() -> None:
    assert require_mincho_font() in ("IPAexMincho", "Noto Serif CJK JP")


def test_start_is_refused_without_a_mincho_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "installed_families", lambda: {"DejaVu Serif", "Noto Sans CJK JP"})
    with pytest.raises(MissingFontError, match="fonts-ipaexfont-mincho"):
        require_mincho_font()


def test_claims_api_text_is_escaped_not_markup() -> None:
    fake = FakeClaimsApi()
    plaintiff_one(fake)
    fake.items[7].append(
        make_damage_item("other_loss", 0, id=30, facts='<a rel="attachment" href="file:///etc/hostname">x</a> & 謝罪')
    )
    html = schedule_html(fake)
    assert "&lt;a rel=&#34;attachment&#34;" in html
    assert "&amp; 謝罪" in html
    assert render_pdf(html).startswith(b"%PDF-")
