"""Numbers as legal texts write them: kanji numerals, full-width and Arabic digits, Roman numerals.

Pure functions; no I/O.
"""

from __future__ import annotations

_KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_MAN = "万"
KANJI_NUMERAL_CHARS = "".join(_KANJI_DIGITS) + "".join(_KANJI_UNITS) + _MAN
"""Every character that may appear in a kanji numeral."""

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
DIGIT_CHARS = "0123456789０１２３４５６７８９"
"""Arabic and full-width digits."""

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def to_ascii_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits."""
    return text.translate(_FULLWIDTH)


def parse_kanji(text: str) -> int | None:
    """Read a kanji numeral such as 十二, 百三, 千二百三十四 or 二〇二五.

    Returns:
        The value, or None when the text is not a well-formed numeral.
    """
    if not text or any(ch not in KANJI_NUMERAL_CHARS for ch in text):
        return None
    if _MAN in text:
        high, _, low = text.partition(_MAN)
        high_value = parse_kanji(high) if high else 1
        low_value = parse_kanji(low) if low else 0
        if high_value is None or low_value is None or low_value >= 10000:
            return None
        return high_value * 10000 + low_value
    if not any(ch in _KANJI_UNITS for ch in text):
        # Positional form, one kanji per digit (二〇二五). A leading zero is not a numeral.
        if len(text) > 1 and _KANJI_DIGITS[text[0]] == 0:
            return None
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    return _parse_kanji_units(text)


def _parse_kanji_units(text: str) -> int | None:
    total = 0
    digit: int | None = None
    last_unit = 10000
    for ch in text:
        if ch in _KANJI_DIGITS:
            if digit is not None:
                return None  # two digits in a row, e.g. 二三十
            digit = _KANJI_DIGITS[ch]
            if digit == 0:
                return None
        else:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit or digit == 1:
                return None  # units must fall (千…百…十) and 一十 is written 十
            total += (digit if digit is not None else 1) * unit
            last_unit = unit
            digit = None
    return total + (digit or 0)


def to_kanji(value: int) -> str:
    """Write a positive integer below 100,000,000 as a kanji numeral (十二, 千二百三十四)."""
    if value <= 0 or value >= 100_000_000:
        raise ValueError(f"cannot write {value} as a kanji numeral")
    if value >= 10000:
        high, low = divmod(value, 10000)
        return to_kanji(high) + _MAN + (to_kanji(low) if low else "")
    digits = "〇一二三四五六七八九"
    out = []
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        count, value = divmod(value, unit)
        if count:
            out.append(("" if count == 1 else digits[count]) + mark)
    if value:
        out.append(digits[value])
    return "".join(out)


def parse_number(text: str) -> int | None:
    """Read a number written in kanji, full-width or Arabic digits.

    Returns:
        The value, or None when the text is none of these.
    """
    ascii_text = to_ascii_digits(text)
    if ascii_text.isascii() and ascii_text.isdigit():
        value = int(ascii_text)
        return value if value > 0 else None
    return parse_kanji(text)


def parse_roman(text: str) -> int | None:
    """Read a lowercase or uppercase Roman numeral (i, iv, xii); None if malformed."""
    low = text.lower()
    if not low or any(ch not in _ROMAN for ch in low):
        return None
    total = 0
    for index, ch in enumerate(low):
        value = _ROMAN[ch]
        if index + 1 < len(low) and _ROMAN[low[index + 1]] > value:
            total -= value
        else:
            total += value
    return total if to_roman(total) == low else None


def to_roman(value: int) -> str:
    """Write a positive integer below 4,000 as a lowercase Roman numeral."""
    if value <= 0 or value >= 4000:
        raise ValueError(f"cannot write {value} as a Roman numeral")
    pairs = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    out = []
    for unit, mark in pairs:
        count, value = divmod(value, unit)
        out.append(mark * count)
    return "".join(out)
