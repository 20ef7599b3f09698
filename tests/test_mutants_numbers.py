"""Known answers for scoring/numbers.py that `make mutate` found untested: Vietnamese number text and its mistakes, the
digit limit at its boundary, a long number's opening, the round's rounding rule, and signed and plain decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring.numbers import NotANumber, opening, parse_number, plain, quantize, signed, too_many_digits
from scoring.wording import use, word

# --- parse_number: the Vietnamese way, and each mistake said with what was meant --------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.093,7", "4093.7"),  # a dot groups thousands, a comma marks decimals
        ("164.799", "164799"),
        ("1\u00a0234", "1234"),  # a no-break space between the thousands is left out ...
        ("1 234,5", "1234.5"),  # ... and so is a space
        (" 12 ", "12"),
        ("0,5", "0.5"),
        ("+7", "7"),
    ],
)
def test_vietnamese_number_text_is_read(text, value):
    assert str(parse_number(text)) == value


def test_minus_zero_is_zero():
    assert str(parse_number("-0")) == "0"  # not "-0"


def refused(text: str) -> tuple[str, str, object]:
    """The English and Vietnamese messages of a refused number, and its exception's first argument."""
    with pytest.raises(NotANumber) as caught:
        parse_number(text)
    e = caught.value
    with use("en"):
        english = str(e)
    assert e.args == (e.message,)  # the message is also the exception's argument (review words it from there)
    return english, word(e.message, "vi"), e.message


def test_a_number_of_more_than_100_digits_is_refused_by_its_opening():
    english, vietnamese, _ = refused("1" * 101)
    # 101 digits > 100; the message shows the first 12 characters and "…"
    assert english == "'111111111111…' has more than 100 digits"
    assert vietnamese == "'111111111111…' có quá 100 chữ số"


def test_digits_are_counted_after_the_spaces_go():
    english, _, _ = refused("1 " * 101)  # 101 digits between spaces: the opening is of the text without them
    assert english == "'111111111111…' has more than 100 digits"


def test_a_number_of_exactly_100_digits_is_read():
    # 0 and 9 are digits too (the ends of the range), each counted once: 1 + 99 = 100, not over the limit
    assert parse_number("9" + "0" * 99) == Decimal("9E+99")
    assert not too_many_digits("9" * 50 + "0" * 50)
    assert too_many_digits("9" * 51 + "0" * 50)
    assert too_many_digits("0" * 101)
    assert not too_many_digits("a" * 200)  # only digits count: not letters, ...
    assert not too_many_digits("A:@" * 101)  # ... nor the characters between "9" and "a" in code order


def test_a_leading_zero_is_refused():
    english, vietnamese, _ = refused("05")
    assert english == "'05' starts with a zero; write it without leading zeros"
    assert vietnamese.startswith("'05' ")
    assert refused("-05,5")[0] == "'-05,5' starts with a zero; write it without leading zeros"


def test_a_dot_that_is_not_a_group_of_three_is_ambiguous():
    english, _, _ = refused("1.5")
    # '5' is not three digits: 1.5 is no Vietnamese number; 1,5 is the decimal
    assert english == (
        "'1.5' is ambiguous: in Vietnamese a dot groups thousands, yet '5' is not a group of three digits;"
        " write '1,5' for a decimal"
    )
    assert refused("12.3456")[0].endswith("yet '3456' is not a group of three digits; write '12,3456' for a decimal")


def test_the_english_number_style_is_refused_with_the_vietnamese_form():
    english, _, _ = refused("12,345,678.25")
    # commas → dots, the dot → a comma
    assert english == (
        "'12,345,678.25' uses the English number style; write '12.345.678,25' (dot for thousands, comma for decimals)"
    )
    assert refused("1,234,567")[0].startswith("'1,234,567' uses the English number style; write '1.234.567' ")


def test_other_text_is_not_a_number():
    assert refused("abc")[0] == "'abc' is not a number"
    assert refused("1,2,3")[0] == "'1,2,3' is not a number"


def test_opening_keeps_12_characters():
    assert opening("123456789012") == "123456789012"  # 12: as it is
    assert opening("1234567890123") == "123456789012…"  # 13: the first 12 and "…"
    assert opening("") == ""


# --- quantize: the round's rule, after settling 34-digit residues ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "mode", "rounded"),
    [
        ("2.345", 2, "half_up", "2.35"),  # the 5 goes up
        ("2.345", 2, "half_even", "2.34"),  # the 5 goes to the even 4
        ("2.355", 2, "half_even", "2.36"),  # ... and to the even 6
        ("2.349", 2, "down", "2.34"),
        ("2.5", 0, "half_up", "3"),
        ("2.5", 0, "half_even", "2"),
        ("1.2345675", 6, "half_up", "1.234568"),
        ("-0.001", 2, "half_up", "0.00"),  # not "-0.00"
        ("-1.005", 2, "half_up", "-1.01"),
    ],
)
def test_quantize_by_the_rounds_rule(value, places, mode, rounded):
    assert str(quantize(Decimal(value), places, mode)) == rounded


def test_quantize_works_in_the_engines_34_digit_context():
    # settled to 20 places, 123456789.125 has 9 + 20 = 29 digits and 12345678901234.125 has 14 + 20 = 34: within the
    # engine's 34-digit context (Python's default context, of 28 digits, refuses both); half_up then gives .13
    assert str(quantize(Decimal("123456789.125"), 2, "half_up")) == "123456789.13"
    assert str(quantize(Decimal("12345678901234.125"), 2, "half_up")) == "12345678901234.13"


def test_quantize_settles_a_division_residue_before_rounding_down():
    # 8 × v / v can come out as 7.99…9 (30 nines): settled to 20 places it is 8, and `down` keeps 8.00
    assert str(quantize(Decimal("7." + "9" * 30), 2, "down")) == "8.00"
    # 19 nines is a true value at 20 places: not settled up, so `down` gives 7.99
    assert str(quantize(Decimal("7." + "9" * 19), 2, "down")) == "7.99"


# --- signed and plain --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1.50", "+1.50"), ("0.5", "+0.5"), ("-0.50", "−0.50"), ("-2", "−2"), ("0.00", "0.00"), ("0", "0")],
)
def test_signed(value, shown):
    assert signed(Decimal(value)) == shown


def test_plain_has_no_exponent():
    assert (plain(Decimal("1E+3")), plain(Decimal("0.50")), plain(Decimal("-1E-2"))) == ("1000", "0.50", "-0.01")
