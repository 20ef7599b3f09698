"""A Vietnamese run of every command on the examples prints no English sentence.

English words are taken from the message ids themselves (the English wordings);
what may stay as written is data: ids, formulas, YAML keys and file names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.wording.vi import CATALOG

ROOT = Path(__file__).resolve().parent.parent
CCB = "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_2024 = "criteria/hoi-ccb-cum-3/2024.yaml"
SUBMISSIONS = "examples/hoi-ccb-cum-3/2023"
REVIEW = "examples/hoi-ccb-cum-3/2023/review.yaml"
NATIONAL = ("criteria/hoi-ccb-toan-quoc/2023.yaml", "examples/hoi-ccb-toan-quoc/2023")
SCHOOLS = ("criteria/khoi-truong-thpt/2024.yaml", "examples/khoi-truong-thpt/2024/submissions.csv")
# The departments' bloc: self-scores per line, evidence, decision tables, a graded line, group floors, rank_by.
DEPARTMENTS = (
    "criteria/khoi-so-nganh/2024.yaml",
    "examples/khoi-so-nganh/2024",
    "--grades",
    "examples/khoi-so-nganh/cham-diem/2024.yaml",
)
DEPARTMENTS_REVIEW = "examples/khoi-so-nganh/2024/review.yaml"

# Words of the English wordings that are also data here, or the same in both languages.
SAME_IN_BOTH = {"ok", "sha", "max", "min", "csv", "json", "html", "md", "xlsx", "yaml", "excel", "markdown", "id", "ids"}
SAME_IN_BOTH |= {"r", "thidua"}
# The command line's own words: commands, placeholders and choices are typed as they are.
SAME_IN_BOTH |= {"validate", "score", "rank", "review", "verify", "minutes", "explain", "report", "template", "export"}
SAME_IN_BOTH |= {"whatif", "diff", "criteria", "submissions", "record", "unit", "form", "table", "new", "old", "text"}
SAME_IN_BOTH |= {"grades"}  # --grades GRADES
SAME_IN_BOTH |= {"proposal"}  # the command thidua proposal
SAME_IN_BOTH |= {"serve", "robustness"}  # the commands thidua serve and thidua robustness
# Keys and values of the criteria and submission files, shown where a value is named (a diff, a form's header).
SAME_IN_BOTH |= {"quota", "label", "type", "number", "integer", "boolean", "choice", "round", "evidence", "values", "title"}
SAME_IN_BOTH |= {"year"}
SAME_IN_BOTH |= {"index"}  # the departments' "Chỉ số … (PAR INDEX)": the criteria's own label
# Vietnamese words written without diacritics that are English words too: "in" (print), "so" (so với), "do" (because).
SAME_IN_BOTH |= {"in", "so", "do", "to", "an", "con", "ban", "hay", "tin", "vi", "en"}


def english_words() -> set[str]:
    words: set[str] = set()
    for wording in CATALOG:
        text = re.sub(r"\{[a-z_]+\}", " ", wording)
        words.update(w.lower() for w in re.findall(r"(?<![\w'.-])[A-Za-z]{2,}(?![\w'(.-])", text))
    return words - SAME_IN_BOTH


def data_words(criteria_files: list[str]) -> set[str]:
    """Ids and formula names of the example rounds: data, shown as written."""
    found: set[str] = set()
    for file in criteria_files:
        c = load_criteria(ROOT / file)
        names = [c.id, *c.unit_ids, *c.indicators, *(d.id for d in c.derived), *(g.id for g in c.groups)]
        names += [x.id for x in c.criteria] + [a.id for a in c.awards] + [b.id for b in c.classification]
        names += [d.id for d in c.disqualifiers] + [a.id for a in c.adjustments] + [x.method for x in c.criteria]
        texts = [x.formula.text for x in c.criteria if x.formula] + [d.formula.text for d in c.derived]
        texts += [a.formula.text for a in c.adjustments] + [d.when.text for d in c.disqualifiers]
        texts += [a.when.text for a in c.awards if a.when]
        for name in names + texts:
            found.update(w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", name))
    return found


def outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    record = str(tmp_path / "record.json")
    runs = {
        "validate": ["validate", CCB, SUBMISSIONS],
        "score": ["score", CCB, SUBMISSIONS],
        "explain": ["explain", CCB, SUBMISSIONS, "--unit", "bac-giang"],
        "explain md": ["explain", CCB, SUBMISSIONS, "--unit", "cao-bang", "--format", "md", "--decisions", REVIEW],
        "rank": ["rank", CCB, SUBMISSIONS],
        "rank national": ["rank", *NATIONAL, "--format", "md"],
        "rank schools": ["rank", *SCHOOLS],
        "explain departments": ["explain", *DEPARTMENTS, "--unit", "so-tu-phap", "--decisions", DEPARTMENTS_REVIEW],
        "explain departments ke-hoach": ["explain", *DEPARTMENTS, "--unit", "so-ke-hoach"],
        "rank departments": ["rank", *DEPARTMENTS, "--decisions", DEPARTMENTS_REVIEW],
        "report departments": ["report", *DEPARTMENTS, "--decisions", DEPARTMENTS_REVIEW, "-o", str(tmp_path / "khoi.html")],
        "template departments": ["template", DEPARTMENTS[0], "-o", str(tmp_path / "khoi-form.csv")],
        "export departments": ["export", *DEPARTMENTS, "-o", str(tmp_path / "khoi-diem.csv")],
        "review": ["review", CCB, SUBMISSIONS, "--decisions", REVIEW, "-o", record],
        "verify": ["verify", record],
        "minutes": ["minutes", record, "-o", str(tmp_path / "bien-ban.md")],
        "proposal": ["proposal", record, "-o", str(tmp_path / "to-trinh.md")],
        "report": ["report", CCB, SUBMISSIONS, "--decisions", REVIEW, "-o", str(tmp_path / "bao-cao.html")],
        "template": ["template", CCB, "-o", str(tmp_path / "form.csv")],
        "export": ["export", CCB, SUBMISSIONS, "-o", str(tmp_path / "bang-diem.csv")],
        "diff": ["diff", CCB, CCB_2024],
        "whatif": ["whatif", "--criteria", CCB_2024, SUBMISSIONS, "--old", CCB],
        "help": ["--help"],
        "help score": ["score", "--help"],
        "usage error": ["score"],
        "bad unit": ["explain", CCB, SUBMISSIONS, "--unit", "ha-noi"],
    }
    said: dict[str, str] = {}
    for name, args in runs.items():
        main([*args, "--lang", "vi"])
        out, err = capsys.readouterr()
        said[name] = out + err
    documents = ("bien-ban.md", "to-trinh.md", "bao-cao.html", "form.csv", "bang-diem.csv")
    for name in (*documents, "khoi.html", "khoi-form.csv", "khoi-diem.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        said[name] = re.sub(r"<[^>]+>|&[a-z]+;", " ", text)  # the document's words, not its markup
    return said


def test_a_vietnamese_run_of_every_command_prints_no_english_sentence(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    english = english_words() - data_words([CCB, CCB_2024, NATIONAL[0], SCHOOLS[0], DEPARTMENTS[0]])
    found = {}
    for name, said in outputs(tmp_path, capsys).items():
        text = re.sub(r"\S+\.(yaml|yml|csv|xlsx|json|html|md)\b(:\d+)*", " ", said.replace("\\_", "_"))  # file names
        words = {w.lower() for w in re.findall(r"(?<![\w'.-])[A-Za-z]{2,}(?![\w'(.-])", text)}
        if words & english:
            found[name] = sorted(words & english)
    assert found == {}
