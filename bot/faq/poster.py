"""Printable posters for employers' notice boards: titles, a QR code of the deep link, the link."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from bot.faq.deeplink import make_start_payload

A4_AT_150_DPI = (1240, 1754)
MARGIN = 90
_SYSTEM_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def deep_link(bot_username: str, topic_id: str, source: str | None) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={make_start_payload(topic_id, source)}"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font with Cyrillic: the system's DejaVu, else the copy matplotlib ships."""
    if _SYSTEM_FONT.exists():
        return ImageFont.truetype(str(_SYSTEM_FONT), size)
    try:
        bundled = resources.files("matplotlib") / "mpl-data/fonts/ttf/DejaVuSans.ttf"
        with resources.as_file(bundled) as path:
            return ImageFont.truetype(str(path), size)
    except (ModuleNotFoundError, OSError):
        return ImageFont.load_default(size=size)


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def render_poster(titles: list[str], link: str, footer: list[str]) -> Image.Image:
    """One A4 page: every title (one per language), the QR code, the link, a line per language."""
    image = Image.new("RGB", A4_AT_150_DPI, "white")
    draw = ImageDraw.Draw(image)
    width = A4_AT_150_DPI[0] - 2 * MARGIN
    y = MARGIN
    title_font = _font(56)
    for title in titles:
        for line in _wrap(draw, title, title_font, width):
            draw.text((MARGIN, y), line, fill="black", font=title_font)
            y += 72
        y += 12
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=10)
    qr.add_data(link)
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    footer_font = _font(26)
    footer_lines = [line for text in footer for line in _wrap(draw, text, footer_font, width)]
    size = min(width, A4_AT_150_DPI[1] - y - 200 - 36 * len(footer_lines))
    code = code.resize((size, size), Image.Resampling.NEAREST)
    image.paste(code, ((A4_AT_150_DPI[0] - size) // 2, y + 20))
    y += size + 50
    link_font = _font(34)
    for line in _wrap(draw, link, link_font, width) or [link]:
        draw.text((MARGIN, y), line, fill="black", font=link_font)
        y += 46
    y = A4_AT_150_DPI[1] - MARGIN - 36 * len(footer_lines)
    for line in footer_lines:
        draw.text((MARGIN, y), line, fill="#444444", font=footer_font)
        y += 36
    return image
