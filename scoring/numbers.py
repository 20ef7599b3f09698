"""Exact numbers: Vietnamese number text, and the round's rounding rule."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

from scoring.wording import Msg, msg, word

# Exact arithmetic with room to spare; overflow, division by zero and invalid
# operations raise instead of quietly giving Infinity or NaN.
CONTEXT = Context(prec=34, Emax=999_999, Emin=-999_999)
CONTEXT.traps[InvalidOperation] = True

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}

# "4.093,7" and "164.799": dot groups thousands, comma marks decimals.
_VIETNAMESE = re.compile(r"[-+]?[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]+)?|[-+]?(0|[1-9][0-9]*)(,[0-9]+)?")


# No number a council writes comes near (reported figures have at most 25 digits, the context keeps 34); a number
# of a million digits would overflow the context, so it is refused before it is converted.
MAX_DIGITS = 100


def too_many_digits(text: str) -> bool:
    """More ASCII digits in `text` than any number thidua reads may have: counted before converting."""
    return sum(1 for c in text if "0" <= c <= "9") > MAX_DIGITS


def opening(text: str) -> str:
    """A long number named by its first twelve characters: a million digits are not repeated in a message."""
    return text if len(text) <= 12 else text[:12] + "…"


class NotANumber(ValueError):
    """Text that is not a number; the message says what was probably meant, worded when shown."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return word(self.message)


def parse_number(text: str) -> Decimal:
    """A number written the Vietnamese way: "4.093,7" is 4093.7, "164.799" is 164799."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if too_many_digits(s):
        raise NotANumber(msg("'{text}' has more than {digits} digits", text=opening(s), digits=MAX_DIGITS))
    if _VIETNAMESE.fullmatch(s):
        return CONTEXT.plus(Decimal(s.replace(".", "").replace(",", ".")))  # plus: "-0" is 0
    if re.fullmatch(r"[-+]?0[0-9]+(,[0-9]+)?", s):
        raise NotANumber(msg("'{text}' starts with a zero; write it without leading zeros", text=text))
    if re.fullmatch(r"[-+]?[0-9]+\.[0-9]+", s):
        digits = s.split(".")[1]
        hint = s.replace(".", ",")
        raise NotANumber(
            msg(
                "'{text}' is ambiguous: in Vietnamese a dot groups thousands, yet '{digits}' is not a group of three digits; write '{hint}' for a decimal",  # noqa: E501
                text=text,
                digits=digits,
                hint=hint,
            )
        )
    if re.fullmatch(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", s):
        hint = s.replace(",", "_").replace(".", ",").replace("_", ".")
        message = msg(
            "'{text}' uses the English number style; write '{hint}' (dot for thousands, comma for decimals)", text=text, hint=hint
        )
        raise NotANumber(message)
    raise NotANumber(msg("'{text}' is not a number", text=text))


def quantize(value: Decimal, places: int, mode: str) -> Decimal:
    """`value` rounded to `places` by the round's rule.

    Divisions carry 34 significant digits, so 8 × v / v can come out as
    7.99…99 (30 nines after the point); settling to 20 places first removes
    that residue, so that `down` does not take a point off a result that is
    exactly 8. Reported figures have at most 10 decimal places, so no true
    value is moved by it.
    """
    settled = value.quantize(_GUARD, rounding=ROUND_HALF_EVEN, context=CONTEXT)
    return CONTEXT.plus(settled.quantize(_QUANTA[places], rounding=ROUNDING_MODES[mode], context=CONTEXT))  # no "-0.00"


_GUARD = Decimal("1E-20")
MAX_PLACES = 10  # decimal places a reported figure may have


_QUANTA = [Decimal(1).scaleb(-places) for places in range(7)]


def signed(value: Decimal) -> str:
    """+1.50, −0.50, 0.00: how bonuses, deductions and differences are shown."""
    return ("+" if value > 0 else "−" if value < 0 else "") + plain(abs(value))


def plain(value: Decimal) -> str:
    """A decimal as text without exponent: 1E+3 → "1000", 0.50 stays "0.50"."""
    return f"{value:f}"
