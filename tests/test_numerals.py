import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawtrack.numerals import parse_kanji, parse_number, parse_roman, to_kanji, to_roman


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十八", 28),
        ("百", 100),
        ("百三", 103),
        ("百十", 110),
        ("三百五十", 350),
        ("千", 1000),
        ("千二百三十四", 1234),
        ("二千二十五", 2025),
        ("九千九百九十九", 9999),
        ("一万", 10000),
        ("二〇二五", 2025),  # positional form, one kanji per digit
        ("〇", 0),
    ],
)
def test_kanji_numerals(text: str, value: int) -> None:
    assert parse_kanji(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "十十",  # units must fall
        "百千",
        "二三十",  # two digits in a row before a unit
        "一十",  # written 十
        "〇五",  # leading zero
        "五a",
        "条",
    ],
)
def test_malformed_kanji_numerals(text: str) -> None:
    assert parse_kanji(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("１２", 12), ("十二", 12), ("0", None), ("x", None), ("１a", None)],
)
def test_parse_number_accepts_every_writing(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_kanji_round_trip(value: int) -> None:
    assert parse_kanji(to_kanji(value)) == value


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(value: int) -> None:
    assert parse_roman(to_roman(value)) == value
    assert parse_roman(to_roman(value).upper()) == value


@pytest.mark.parametrize("text", ["", "iiii", "vx", "abc", "ic"])
def test_malformed_roman(text: str) -> None:
    assert parse_roman(text) is None
