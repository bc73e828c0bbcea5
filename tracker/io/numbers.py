"""Turning the numbers people type in Excel/WPS and Chinese reports into floats, and back.

A value that cannot be read exactly is refused with a reason rather than guessed at: an
approximate "约100" or a bound "≤3%" stored as 100 or 3 would silently misstate a target.

Missing values: blank text and a lone dash ("-", "—", "－", "–", "−", "——") are missing (None),
because Chinese statistical tables print a dash for "no data". "N/A", "无" etc. are errors,
since they usually mean the row needs a decision, not that the number is unknown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, DecimalException

from tracker.messages import text as _t

_DASHES = frozenset({"-", "—", "——", "–", "−", "―", "--"})
# Zero-width characters arrive with text pasted from web pages and Word; they are never data.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_MAGNITUDES = (("万亿", 12), ("亿", 8), ("万", 4))

_NUMBER = re.compile(
    r"""([+-]?)\s*
    ( [0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?   # 14,100.5
    | [0-9]+(?:\.[0-9]*)?                      # 14100.5 or 5.
    | \.[0-9]+ )                               # .5
    ([eE][+-]?[0-9]+)?
    \s*([^0-9.,+\-\s].*)?""",
    re.X | re.S,
)

_PENDING_ZH = ("待定", "待确定", "待核", "待补", "待填", "待更新", "未定", "未确定", "暂无",
               "待测算")
_PENDING_EN = re.compile(r"\b(pending|tbd|tbc|to be (determined|confirmed|decided))\b")
_NOT_APPLICABLE = frozenset({"n/a", "na", "n.a.", "none", "null", "nil", "无", "没有", "空",
                             "不适用", "无目标", "no target", "not applicable", "no value"})
_EXCEL_ERRORS = frozenset({"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                           "#SPILL!", "#CALC!", "#GETTING_DATA"})
_NOT_FINITE = frozenset({"nan", "inf", "infinity", "∞"})
_BOUND_ZH = ("≤", "≥", "<", ">", "≦", "≧", "⩽", "⩾", "不超过", "不少于", "不低于", "不高于",
             "不大于", "不小于", "不足", "至少", "至多", "最多", "最少", "最高", "最低", "以上",
             "以下", "以内", "超过", "低于", "高于", "大于", "小于")
_BOUND_EN = re.compile(r"\b(at least|at most|up to|more than|less than|over|under|above|below|"
                       r"minimum|maximum)\b")
_RANGE = re.compile(r"[0-9][^0-9]*?(-|~|至|到|—|–)\s*[+-]?[0-9]")
_APPROX_ZH = ("约", "大约", "大概", "将近", "近", "接近", "左右", "上下", "余", "多", "许", "~",
              "≈")
_APPROX_EN = re.compile(r"\b(about|approx|approximately|around|circa|nearly|roughly)\b")
_CHINESE_NUMERALS = frozenset("〇零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟")


class NumberFormatError(ValueError):
    """A cell that is not a usable number; str() says why, in the user's language.

    `code` names the kind of problem for programs ("approximate", "bound", "unit_mismatch", ...);
    `reason` is the explanation without the value, for tables that show the value beside it.
    """

    def __init__(self, value: str, code: str, zh: str, en: str) -> None:
        super().__init__(value, code, zh, en)
        self.value = value
        self.code = code
        self._zh = zh
        self._en = en

    @property
    def reason(self) -> str:
        """Why the value was refused, in the user's language."""
        return _t(self._zh, self._en)

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:40] + "…"
        return _t(f"“{shown}”不是有效的数值：{self._zh}",
                  f"{shown!r} is not a valid number: {self._en}")


def parse_number(text: str, unit: str = "") -> float | None:
    """The number in `text` expressed in `unit`, or None when the cell is blank or a lone dash.

    Accepts thousands separators, full-width characters, percent signs (for "%" or unitless
    targets) and 万/亿/万亿 with or without a unit, converting into `unit` exactly
    ("1100.3亿元" for "万元" is 11003000.0). Raises NumberFormatError for anything else.
    """
    s = text.strip()
    if not s:
        return None
    if not s.isascii():
        _refuse_digit_lookalikes(text, s)
        s = unicodedata.normalize("NFKC", s).translate(_INVISIBLE).replace("\u2212", "-").strip()
        if not s:
            return None
    if s in _DASHES:
        return None
    if s.startswith("'"):
        # What csv_writer.neutralize wrote for a numeric-looking string comes back as "'-3".
        s = s[1:].lstrip()
    match = _NUMBER.fullmatch(s)
    if match is None:
        raise _diagnose(text, s) or _error(text, "invalid", "无法识别为数字",
                                           "not recognisable as a number")
    sign, digits, exponent, suffix = match.groups()
    shift = _unit_shift(text, s, (suffix or "").strip(), unit)
    try:
        value = Decimal(digits.replace(",", "") + (exponent or "")).scaleb(shift)
        result = float(-value if sign == "-" else value)
    except (DecimalException, OverflowError):
        result = math.inf
    if not math.isfinite(result):
        raise _error(text, "not_finite", "数值过大，超出可表示范围", "too large to represent")
    return result + 0.0  # turns -0.0 into 0.0


def format_plain(value: float) -> str:
    """The shortest decimal text that reads back as `value`: "103516", "0.00001", never "1e-05".

    Raises ValueError for NaN and infinities, which no file format here can carry.
    """
    if type(value) is int:
        return str(value)
    if not math.isfinite(value):
        raise ValueError(_t(f"无法写出非有限数值 {value!r}",
                            f"cannot write the non-finite number {value!r}"))
    r = repr(float(value))
    if "e" in r:
        r = format(Decimal(r), "f")
    if r.endswith(".0"):
        r = r[:-2]
    return "0" if r == "-0" else r


def _split_unit(unit: str) -> tuple[int, str]:
    """The power of ten a unit's 万/亿 prefix stands for, and the rest of the unit."""
    for prefix, power in _MAGNITUDES:
        if unit.startswith(prefix):
            return power, unit[len(prefix):].strip()
    return 0, unit


def _unit_shift(raw: str, s: str, suffix: str, unit: str) -> int:
    """By how many powers of ten a value with `suffix` must move to be in `unit`."""
    if not suffix:
        return 0
    problem = _diagnose_words(raw, s)
    if problem is not None:
        raise problem
    target = unicodedata.normalize("NFKC", unit).strip()
    if suffix == "%":
        if target in ("%", ""):
            return 0
        raise _error(raw, "percent_unit", f"带有百分号，但目标单位是“{unit}”",
                     f"it is a percentage but the target's unit is {unit!r}")
    power, base = _split_unit(suffix)
    target_power, target_base = _split_unit(target) if target != "%" else (0, "%")
    if (base == target_base or not base) and target_base != "%":
        return power - target_power
    if re.search("[0-9]", suffix):
        raise _error(raw, "letters", "数字中夹有字母或符号",
                     "it has letters or symbols among the digits")
    if not target:
        raise _error(raw, "unit_mismatch", f"带有单位“{suffix}”，但目标没有单位",
                     f"it is in {suffix!r} but the target has no unit")
    raise _error(raw, "unit_mismatch", f"单位“{suffix}”与目标单位“{unit}”不一致",
                 f"it is in {suffix!r} but the target's unit is {unit!r}")


def _refuse_digit_lookalikes(raw: str, s: str) -> None:
    """Refuse ①, ², ½ and the like, which NFKC would silently turn into ordinary digits."""
    previous = ""
    for c in s:
        if (c.isnumeric() and not ("0" <= c <= "9" or "０" <= c <= "９")
                and re.search("[0-9]", unicodedata.normalize("NFKC", c))
                and not (c in "²³" and previous.isalpha())):  # m², km³ are units
            raise _error(raw, "digit_lookalike", f"含有不是普通数字的字符“{c}”",
                         f"it contains {c!r}, which looks like a digit but is not one")
        previous = c


def _diagnose(raw: str, s: str) -> NumberFormatError | None:
    """A specific reason why `s` is not a plain number, if one is recognisable."""
    return _diagnose_words(raw, s) or _diagnose_form(raw, s)


def _diagnose_words(raw: str, s: str) -> NumberFormatError | None:
    """Words and signs that make a number something else: pending, approximate, a bound."""
    low = s.lower()
    has_digit = re.search("[0-9]", s) is not None
    if any(w in s for w in _PENDING_ZH) or _PENDING_EN.search(low):
        return _error(raw, "pending", "目标尚未确定（待定），请填写数值或留空",
                      "the value is still pending; enter a number or leave the cell blank")
    if low.strip(" .。") in _NOT_APPLICABLE:
        return _error(raw, "not_applicable", "表示“无/不适用”，请留空或删除该行",
                      "it says there is no value; leave the cell blank or remove the row")
    if s.upper() in _EXCEL_ERRORS:
        return _error(raw, "excel_error", "这是 Excel 的错误值，请先修正公式",
                      "it is an Excel error value; fix the formula first")
    if low.lstrip("+-") in _NOT_FINITE:
        return _error(raw, "not_finite", "不是有限数值", "it is not a finite number")
    if any(w in s for w in _BOUND_ZH) or _BOUND_EN.search(low) or (has_digit and s.endswith("+")):
        return _error(raw, "bound", "这是一个上限或下限，不是确定的数值",
                      "it is a bound (at most / at least), not a value")
    if _RANGE.search(s):
        return _error(raw, "range", "这是一个范围，不是单个数值",
                      "it is a range, not a single value")
    if any(w in s for w in _APPROX_ZH) or _APPROX_EN.search(low):
        return _error(raw, "approximate", "这是约数，请填写确切数值",
                      "it is approximate; enter an exact value")
    return None


def _diagnose_form(raw: str, s: str) -> NumberFormatError | None:
    """What is wrong with the way the digits themselves are written."""
    has_digit = re.search("[0-9]", s) is not None
    if not has_digit and any(c in _CHINESE_NUMERALS for c in s):
        return _error(raw, "chinese_numerals", "用汉字书写的数字，请改用阿拉伯数字",
                      "it is written in Chinese numerals; use digits")
    if has_digit and re.search(r"\.[0-9]*\.", s):
        return _error(raw, "decimal_points", "含有多个小数点", "it has more than one decimal point")
    if has_digit and "," in s:
        return _error(raw, "grouping", "千位分隔符位置不对（应为 1,234,567）",
                      "the thousands separators are misplaced (expected 1,234,567)")
    if has_digit and any(c.isalpha() for c in s):
        return _error(raw, "letters", "数字中夹有字母或文字", "it has letters among the digits")
    if has_digit and re.search(r"[0-9]\s+[0-9]", s):
        return _error(raw, "spaces", "数字中间有空格", "it has spaces inside the number")
    if not has_digit:
        return _error(raw, "text", "是文字，不是数字", "it is text, not a number")
    return None


def _error(raw: str, code: str, zh: str, en: str) -> NumberFormatError:
    return NumberFormatError(raw, code, zh, en)
