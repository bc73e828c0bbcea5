"""Decoding the bytes of a text file from Excel, WPS or older office software.

Chinese offices produce UTF-8 (with or without a BOM) and GBK/GB18030. The order tried is
fixed and the encoding chosen is always reported, so the UI can show it and the user can
override it; a file that fits none of them is refused instead of being read as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer.md import mess_ratio

from tracker.messages import text as _t

UTF8_BOM = "UTF-8 with BOM"
UTF8 = "UTF-8"
GBK = "GBK"
GB18030 = "GB18030"

# Names a user may type for --encoding, mapped to (Python codec, label shown back).
_ALIASES = {
    "utf-8": ("utf-8", UTF8), "utf8": ("utf-8", UTF8),
    "utf-8-sig": ("utf-8-sig", UTF8_BOM), "utf-8 with bom": ("utf-8-sig", UTF8_BOM),
    # GB2312 files are GBK files: GBK is a strict superset and the usual Windows code page.
    "gbk": ("gbk", GBK), "cp936": ("gbk", GBK), "gb2312": ("gbk", GBK), "ansi": ("gbk", GBK),
    "gb18030": ("gb18030", GB18030),
}
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SAMPLE_RUNS = 2000


class EncodingError(ValueError):
    """The file's bytes are not text in any encoding tried; str() is for the user.

    `tried` lists the encodings attempted; `offset` is the byte offset of the first byte that
    did not fit when a single encoding was forced, else None.
    """

    def __init__(self, message: str, tried: tuple[str, ...], offset: int | None = None) -> None:
        super().__init__(message)
        self.tried = tried
        self.offset = offset


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file, with how it was stored."""

    text: str
    encoding: str  # "UTF-8 with BOM", "UTF-8", "GBK", "GB18030", or a forced codec's name
    line_ending: str  # "CRLF", "LF", "CR", "mixed" or "none"
    #: How many line breaks of that one kind the text has, 0 for "mixed" and "none" (counted
    #: for line_ending anyway, and a big file's reader needs the number too).
    line_breaks: int


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode `data`, trying UTF-8 (BOM first), then GBK, then GB18030, or only `encoding`.

    The BOM is not part of the text. NUL characters are kept for the reader to report.
    Raises EncodingError when nothing fits.
    """
    if encoding is not None:
        text, label = _decode_forced(data, encoding)
    else:
        text, label = _decode_auto(data)
    return Decoded(text, label, *_line_breaks(text))


def line_ending(text: str, quote: str | None = None) -> str:
    """The line ending used in `text`: "CRLF", "LF", "CR", "mixed" or "none".

    With `quote`, line breaks inside quoted fields are ignored: Excel writes CRLF between
    records but LF inside cells, and that is not a mixed file.
    """
    return _line_breaks(text, quote)[0]


def _line_breaks(text: str, quote: str | None = None) -> tuple[str, int]:
    """line_ending, and how many line breaks of that kind there are (0 unless one kind)."""
    parts = text.split(quote)[::2] if quote and quote in text else [text]
    crlf = sum(p.count("\r\n") for p in parts)
    cr = sum(p.count("\r") for p in parts) - crlf
    lf = sum(p.count("\n") for p in parts) - crlf
    kinds = [(name, n) for name, n in (("CRLF", crlf), ("LF", lf), ("CR", cr)) if n]
    if not kinds:
        return "none", 0
    return kinds[0] if len(kinds) == 1 else ("mixed", 0)


def _decode_forced(data: bytes, encoding: str) -> tuple[str, str]:
    codec, label = _ALIASES.get(encoding.strip().lower(), (encoding, ""))
    try:
        label = label or codecs.lookup(codec).name
    except LookupError:
        raise EncodingError(_t(f"未知的编码“{encoding}”", f"unknown encoding {encoding!r}"),
                            (encoding,)) from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec, label = "utf-8-sig", UTF8_BOM
    try:
        return data.decode(codec), label
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        bad = data[e.start:e.start + 4].hex(" ")
        raise EncodingError(
            _t(f"文件不是 {label} 编码：第 {line} 行、第 {e.start} 字节处的内容（{bad}）"
               "无法按该编码解读",
               f"the file is not {label}: the bytes at offset {e.start} (line {line}: {bad}) "
               f"are not valid {label}"),
            (label,), e.start) from None
    except LookupError:  # a codec that exists but is not a text encoding, like "base64"
        raise EncodingError(_t(f"“{encoding}”不是文本编码", f"{encoding!r} is not a text encoding"),
                            (encoding,)) from None


def _decode_auto(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_forced(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError(
            _t("文件是 UTF-16 编码（Excel 的“Unicode 文本”）。请在 Excel/WPS 中另存为"
               "“CSV UTF-8（逗号分隔）”",
               "the file is UTF-16 (Excel's \"Unicode Text\"); save it from Excel/WPS as "
               "\"CSV UTF-8 (Comma delimited)\""),
            ("UTF-16",))
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    for codec, label in (("gbk", GBK), ("gb18030", GB18030)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausibly_chinese(text):
            return text, label
    raise EncodingError(
        _t("无法识别文件编码（已尝试 UTF-8、GBK、GB18030）。请在 Excel/WPS 中另存为"
           "“CSV UTF-8（逗号分隔）”，或手动指定编码",
           "cannot tell the file's encoding (tried UTF-8, GBK and GB18030); save it from "
           "Excel/WPS as \"CSV UTF-8 (Comma delimited)\" or choose the encoding by hand"),
        (UTF8, GBK, GB18030))


def plausibly_chinese(text: str) -> bool:
    """Whether text decoded as GBK/GB18030 reads as Chinese rather than as mojibake.

    Western text (Latin-1, Windows-1252) often decodes as GBK without error: each accented
    letter pairs with the ASCII letter after it into a rare ideograph whose second byte is
    ASCII. Real Chinese is nearly all in the common GB2312 area, and even traditional text
    has few such characters; when those byte-level tests are inconclusive, charset-normalizer's
    mess ratio (on a sample, since it is slow) decides.
    """
    runs = []
    for i, m in enumerate(_NON_ASCII_RUN.finditer(text)):
        if i == _SAMPLE_RUNS:
            break
        runs.append((m.start(), m.end()))
    common = ascii_second = other = 0
    for start, end in runs:
        for c in text[start:end]:
            try:
                b = c.encode("gbk")
            except UnicodeEncodeError:
                continue  # GB18030-only characters such as 𠮷 say nothing either way
            if len(b) < 2 or b[1] < 0x80:
                ascii_second += 1
            elif (0xA1 <= b[0] <= 0xA9 or 0xB0 <= b[0] <= 0xF7) and b[1] >= 0xA1:
                common += 1
            else:
                other += 1
    total = common + ascii_second + other
    if not total or common >= 0.8 * total:
        return True
    if ascii_second >= 0.5 * total:
        return False
    sample = "\n".join(text[max(0, s - 12):e + 12] for s, e in runs)
    return mess_ratio(sample, 0.2) < 0.2
