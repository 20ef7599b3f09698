"""The files' shape: what pydantic finds, said in our words, in English and in Vietnamese, where it stands."""

from __future__ import annotations

import pytest

from scoring import wording
from scoring.errors import InvalidInput
from scoring.numbers import NotANumber, parse_number
from scoring.schema import (
    AwardSpec,
    ClassificationSpec,
    CriteriaSpec,
    CriterionSpec,
    DisqualifierSpec,
    IndicatorSpec,
    Rounding,
    UnitSpec,
    validate,
)
from scoring.yamlio import parse


def problems(model, text: str, lang: wording.Lang) -> list[str]:
    """Every problem found in `text` read as `model`, worded in `lang`."""
    with pytest.raises(InvalidInput) as info:
        validate(model, parse(text.encode(), "f.yaml"))
    return [f"{p.line}:{p.col}: {wording.word(p.message, lang)}" for p in info.value.problems]


CRITERION = "id: I.1\nlabel: Kế hoạch\nmax: 5\n"


@pytest.mark.parametrize(
    ("model", "text", "in_english", "in_vietnamese"),
    [
        (
            CriterionSpec,
            "id: I.1\nmax: 5\n",
            "1:1: label: missing (this field is required)",
            "1:1: label: còn thiếu (mục này bắt buộc phải có)",
        ),
        (
            CriterionSpec,
            CRITERION + "maxx: 5\n",
            "4:7: maxx: unknown key 'maxx'",
            "4:7: maxx: khóa 'maxx' không hợp lệ",
        ),
        (
            CriterionSpec,
            CRITERION + "method: sum\n",
            "4:9: method: Input should be 'achieved', 'per_item', 'target', 'relative', 'bands', 'table', 'formula'"
            " or 'graded' (got 'sum')",
            "4:9: method: giá trị phải là 'achieved', 'per_item', 'target', 'relative', 'bands', 'table', 'formula'"
            " hoặc 'graded'"
            " (giá trị đã ghi: 'sum')",
        ),
        (
            CriterionSpec,
            "id: I.1\nlabel: 2024\nmax: 5\n",
            "2:8: label: expected text, got the number 2024 (put it in quotes)",
            "2:8: label: cần một đoạn chữ, nhưng lại là số 2024 (hãy đặt trong ngoặc kép)",
        ),
        (
            CriterionSpec,
            CRITERION + "points_each: lots\n",
            "4:14: points_each: expected a number, got the text 'lots' (write plain digits, without quotes)",
            "4:14: points_each: cần một số, nhưng lại là đoạn chữ 'lots' (hãy viết chữ số, không đặt trong ngoặc kép)",
        ),
        (
            CriterionSpec,
            CRITERION + "points_each: 1.234,5\n",
            "4:14: points_each: expected a number, got the text '1.234,5':"
            " write 1234.5 (in this file the dot is the decimal point)",
            "4:14: points_each: cần một số, nhưng lại là đoạn chữ '1.234,5': hãy viết 1234.5"
            " (trong tệp này dấu chấm là dấu thập phân)",
        ),
        (
            CriterionSpec,
            CRITERION + "points_each: 20000\n",
            "4:14: points_each: Input should be less than or equal to 10000 (got 20000)",
            "4:14: points_each: giá trị phải nhỏ hơn hoặc bằng 10000 (giá trị đã ghi: 20000)",
        ),
        (
            CriterionSpec,
            "id: I 1\nlabel: Kế hoạch\nmax: 5\n",
            "1:5: id: an id is made of letters, digits, '_', '.' and '-', and starts with a letter or a digit (got 'I 1')",
            "1:5: id: mã (id) chỉ gồm chữ cái không dấu, chữ số, '_', '.' và '-', và bắt đầu bằng chữ cái hoặc chữ số"
            " (giá trị đã ghi: 'I 1')",
        ),
        (
            CriterionSpec,
            CRITERION + "bands: []\n",
            "4:8: bands: List should have at least 1 item after validation, not 0 (got [])",
            "4:8: bands: danh sách phải có ít nhất 1 mục (giá trị đã ghi: [])",
        ),
        (
            UnitSpec,
            "name: ''\n",
            "1:7: name: String should have at least 1 character (got '')",
            "1:7: name: không được để trống (giá trị đã ghi: '')",
        ),
        (
            Rounding,
            "places: 2.5\n",
            "1:9: places: expected a whole number, got 2.5",
            "1:9: places: cần một số nguyên, nhưng lại là 2.5",
        ),
        (
            AwardSpec,
            "id: a\nlabel: Cờ\nquota: 1\nalso_lower: yes\n",
            "4:13: also_lower: expected true or false, got 'yes'",
            "4:13: also_lower: cần true hoặc false, nhưng lại là 'yes'",
        ),
        (
            ClassificationSpec,
            "id: a\nlabel: Tốt\nfloor: abc%\n",
            "3:8: floor: 'abc' is not a number",
            "3:8: floor: 'abc' không phải là số",
        ),
        (
            IndicatorSpec,
            "label: Số hội viên\ntype: integer\nmax: 2000000000000000\n",
            "3:6: max: Input should be less than or equal to 1000000000000000 (got 2000000000000000)",
            "3:6: max: giá trị phải nhỏ hơn hoặc bằng 1000000000000000 (giá trị đã ghi: 2000000000000000)",
        ),
    ],
)
def test_a_finding_is_said_in_each_language(model, text, in_english, in_vietnamese):
    # (not named `english`: that is conftest's fixture, which a parameter of that name would replace)
    assert problems(model, text, "en") == [in_english]
    assert problems(model, text, "vi") == [in_vietnamese]


def test_a_file_that_is_not_a_mapping():
    assert problems(UnitSpec, "- a\n", "en") == ["1:1: the file must be a mapping of keys (format, id, …), not a list"]
    assert problems(UnitSpec, "- a\n", "vi") == [
        "1:1: tệp phải là một nhóm khóa: giá trị (format, id, …), không phải một danh sách"
    ]


def test_a_mapping_where_a_model_is_needed_names_no_class():
    # pydantic says "a valid dictionary or instance of Rounding": the class is ours, not the reader's
    text = "format: thidua/1\nrounding: 2\n"
    found = problems(CriteriaSpec, text, "en")
    assert "2:11: rounding: Input should be a valid dictionary" in found
    assert "2:11: rounding: cần một nhóm khóa: giá trị" in problems(CriteriaSpec, text, "vi")


def test_a_bad_key_is_named_without_pydantic_s_marker():
    assert problems(UnitSpec, "name: Hà Nội\nformed_from: [ha noi]\n", "en") == [
        "2:15: formed_from[0]: an id is made of letters, digits, '_', '.' and '-', and starts with a letter or a digit"
        " (got 'ha noi')"
    ]


# --- Vietnamese number text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "in_english", "in_vietnamese"),
    [
        ("lots", "'lots' is not a number", "'lots' không phải là số"),
        (
            "007",
            "'007' starts with a zero; write it without leading zeros",
            "'007' bắt đầu bằng chữ số 0; hãy viết số không có các chữ số 0 ở đầu",
        ),
        (
            "4.0937",
            "'4.0937' is ambiguous: in Vietnamese a dot groups thousands, yet '0937' is not a group of three digits;"
            " write '4,0937' for a decimal",
            "'4.0937' chưa rõ nghĩa: theo cách viết Việt Nam, dấu chấm phân cách hàng nghìn, nhưng '0937' không phải nhóm"
            " ba chữ số; nếu là số thập phân, hãy viết '4,0937'",
        ),
        (
            "4,093.7",
            "'4,093.7' uses the English number style; write '4.093,7' (dot for thousands, comma for decimals)",
            "'4,093.7' được viết theo kiểu tiếng Anh; hãy viết '4.093,7' (dấu chấm phân cách hàng nghìn, dấu phẩy trước phần"
            " thập phân)",
        ),
    ],
)
def test_not_a_number_says_what_was_meant_in_each_language(text, in_english, in_vietnamese):
    with pytest.raises(NotANumber) as info:
        parse_number(text)
    assert wording.word(info.value.message, "en") == in_english
    assert wording.word(info.value.message, "vi") == in_vietnamese
    assert str(info.value) == in_english  # the tests run in English
    with wording.use("vi"):
        assert str(info.value) == in_vietnamese


def test_what_was_given_is_shown_as_written_never_as_python_sees_it():
    # each member of the union `number | yes/no | text` says what it wanted; none shows "[Decimal('1')]"
    text = "label: Số hội viên\ntype: integer\ndefault: [1]\n"
    assert sorted(problems(IndicatorSpec, text, "en")) == [
        "3:10: default: Input should be a valid boolean (got a list)",
        "3:10: default: expected a number, got a list",
        "3:10: default: expected text, got a list",
    ]
    assert sorted(problems(IndicatorSpec, text, "vi")) == [
        "3:10: default: cần một số, nhưng lại là một danh sách",
        "3:10: default: cần một đoạn chữ, nhưng lại là một danh sách",
        "3:10: default: cần true hoặc false (giá trị đã ghi: một danh sách)",
    ]


def test_a_union_s_members_are_not_named_in_the_path():
    # pydantic's loc carries "literal['all']" and "list[constrained-str]": labels, not keys of the file
    text = "id: d\nlabel: Kỷ luật\nwhen: x > 0\nblocks: {a: 1}\n"
    assert sorted(problems(DisqualifierSpec, text, "en")) == [
        "4:9: blocks: Input should be 'all' (got a mapping)",
        "4:9: blocks: Input should be a valid list (got a mapping)",
    ]
