"""decode: which encoding a file is in, said out loud, and refused when unclear."""

from __future__ import annotations

import codecs

import pytest

from tracker import messages
from tracker.io.encoding import EncodingError, decode, line_ending, plausibly_chinese

TABLE = "指标,目标值\r\n地区生产总值,1100.3\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TABLE.encode("utf-8"), "UTF-8 with BOM"),
        (TABLE.encode("utf-8"), "UTF-8"),
        (TABLE.encode("gbk"), "GBK"),
        ((TABLE + "𠮷\r\n").encode("gb18030"), "GB18030"),
        (b"plain,ascii\n", "UTF-8"),
        (b"", "UTF-8"),
    ],
)
def test_detects(data: bytes, encoding: str) -> None:
    assert decode(data).encoding == encoding


def test_bom_is_not_part_of_the_text() -> None:
    assert decode(codecs.BOM_UTF8 + b"a,b").text == "a,b"


def test_gbk_text_is_decoded() -> None:
    assert decode(TABLE.encode("gbk")).text == TABLE


def test_gb18030_keeps_characters_outside_gbk() -> None:
    assert "𠮷" in decode("𠮷野家,1\n名称,2\n".encode("gb18030")).text


@pytest.mark.parametrize(
    "text",
    ["name,city\nMüller,São Paulo\nGödel,Zürich\n", "Name,Stadt\nMüller,Köln\n",
     "“Hello”said Zoëy\n"],
)
def test_western_text_is_refused_not_read_as_gbk(text: str) -> None:
    data = text.encode("cp1252")
    data.decode("gbk")  # it would decode, into nonsense
    with pytest.raises(EncodingError, match="UTF-8, GBK and GB18030"):
        decode(data)


def test_utf16_is_refused_with_advice() -> None:
    with pytest.raises(EncodingError, match="UTF-16"):
        decode("a,b\n".encode("utf-16"))


def test_refusal_message_is_in_the_users_language() -> None:
    messages.set_language("zh")
    with pytest.raises(EncodingError, match="无法识别文件编码"):
        decode("Müller,Köln\n".encode("latin-1"))


@pytest.mark.parametrize(("name", "label"), [("gbk", "GBK"), ("GB2312", "GBK"), ("cp936", "GBK"),
                                             ("gb18030", "GB18030"), ("utf-8", "UTF-8")])
def test_forced_encoding_is_used_and_reported(name: str, label: str) -> None:
    data = "指标".encode("gbk" if label == "GBK" else label.lower())
    result = decode(data, encoding=name)
    assert (result.text, result.encoding) == ("指标", label)


def test_forced_utf8_on_a_bom_file_reports_the_bom() -> None:
    result = decode(codecs.BOM_UTF8 + b"x", encoding="utf-8")
    assert (result.text, result.encoding) == ("x", "UTF-8 with BOM")


def test_forced_encoding_that_fails_gives_the_byte_offset() -> None:
    with pytest.raises(EncodingError, match="offset 6") as info:
        decode("abc\n中文".encode(), encoding="gbk")
    assert info.value.offset == 6


@pytest.mark.parametrize("name", ["no-such-codec", "base64"])
def test_forced_encoding_must_be_a_text_encoding(name: str) -> None:
    with pytest.raises(EncodingError):
        decode(b"x", encoding=name)


def test_nul_bytes_are_kept_for_the_reader() -> None:
    assert decode(b"a,b\x00c\n").text == "a,b\x00c\n"


@pytest.mark.parametrize(
    ("text", "ending"),
    [("a\r\nb\r\n", "CRLF"), ("a\nb\n", "LF"), ("a\rb\r", "CR"), ("a\r\nb\n", "mixed"),
     ("a", "none"), ("", "none")],
)
def test_line_ending(text: str, ending: str) -> None:
    assert line_ending(text) == ending


def test_line_ending_ignores_breaks_inside_quotes() -> None:
    assert line_ending('a,"x\ny"\r\nb,c\r\n', quote='"') == "CRLF"


def test_line_ending_is_reported_by_decode() -> None:
    assert decode(b"a\r\nb\r\n").line_ending == "CRLF"


@pytest.mark.parametrize("text", ["项目\n（一）经济发展\n①地区生产总值\n≥3%\n",
                                  "姓名\n张喆\n李堃\n"])
def test_real_chinese_with_symbols_and_rare_names_is_plausible(text: str) -> None:
    assert plausibly_chinese(text)
