"""Known answers for scoring/rank.py that `make mutate` found untested: the tie notes of more than LISTED units level on
total (the nearest unit above and below, the tie group, how many more), and LISTED itself at its boundary."""

from __future__ import annotations

from decimal import Decimal

from scoring.criteria import TieBreak
from scoring.rank import LISTED, AlsoLevel, InTieGroup, SettledBy, SharesRank, key_value, rank
from tests.rounds import criteria_yaml
from tests.test_rank import scored

D = Decimal
K = TieBreak("value", "k", "higher")
KEY = {"k": "{label: k, type: integer, min: 0}"}


def test_more_than_listed_units_level_are_told_their_neighbours_their_group_and_how_many_more(tmp_path):
    units = ["top", *(f"u{i}" for i in range(1, 10)), "low"]
    text = criteria_yaml(units, indicators=KEY, extra="tie_break: [{value: k}]\n")
    # top 90, low 70; u1…u9 all 80 (9 level: 8 others > LISTED = 6), k: u1 5, u2 4, u3–u6 3, u7 2, u8 1, u9 none
    ks = {"u1": 5, "u2": 4, "u3": 3, "u4": 3, "u5": 3, "u6": 3, "u7": 2, "u8": 1}
    rows = [{"unit": "top", "pts": 90}, {"unit": "low", "pts": 70}]
    rows += [{"unit": u, "pts": 80, **({"k": ks[u]} if u in ks else {})} for u in units[1:-1]]
    standings = {s.unit: s for s in rank(scored(tmp_path, text, rows))}
    # competition ranks: top 1; u1 2, u2 3, u3–u6 share 4, u7 8 (4 + 4), u8 9, u9 10 (no value goes last); low 11
    assert {u: s.rank for u, s in standings.items()} == {
        "top": 1, "u1": 2, "u2": 3, "u3": 4, "u4": 4, "u5": 4, "u6": 4, "u7": 8, "u8": 9, "u9": 10, "low": 11,
    }  # fmt: skip
    group = standings["u3"].tie_group
    assert group is not None
    assert (group.number, group.rank, group.cluster, group.members) == (1, 4, None, ("u3", "u4", "u5", "u6"))
    assert all(standings[u].tie_group is group for u in ("u3", "u4", "u5", "u6"))
    assert standings["u3"].tied_with == ("u4", "u5", "u6")
    assert standings["u1"].level_with == ("u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
    assert standings["top"].ties == standings["low"].ties == ()
    # each is told the nearest unit above and below that does not share its rank; the rest of the 9 are counted
    assert standings["u1"].ties == (SettledBy("u2", K, D(5), D(4)), AlsoLevel(7))  # 9 − 1 − 1 neighbour
    assert standings["u2"].ties == (SettledBy("u1", K, D(4), D(5)), SettledBy("u3", K, D(4), D(3)), AlsoLevel(6))
    for u in ("u3", "u4", "u5", "u6"):  # 9 − 4 of the group − 2 neighbours = 3 more
        assert standings[u].ties == (
            SettledBy("u2", K, D(3), D(4)),
            SettledBy("u7", K, D(3), D(2)),
            InTieGroup(1, 3, (K,)),
            AlsoLevel(3),
        )
    assert standings["u7"].ties == (SettledBy("u6", K, D(2), D(3)), SettledBy("u8", K, D(2), D(1)), AlsoLevel(6))
    assert standings["u8"].ties == (SettledBy("u7", K, D(1), D(2)), SettledBy("u9", K, D(1), None), AlsoLevel(6))
    assert standings["u9"].ties == (SettledBy("u8", K, None, D(1)), AlsoLevel(7))


def test_up_to_listed_others_level_each_is_named(tmp_path):
    # 7 units level: each has 6 = LISTED others, all named (SharesRank, no key declared)
    units = [f"u{i}" for i in range(7)]
    standings = rank(scored(tmp_path, criteria_yaml(units), [{"unit": u, "pts": 80} for u in units]))
    assert standings[0].ties == tuple(SharesRank(u, ()) for u in units[1:])
    assert all(len(s.ties) == LISTED for s in standings)


def test_one_more_than_listed_others_level_are_referred_to_by_their_group(tmp_path):
    # 8 units level, all sharing rank 1: no neighbours outside the group; the group of 7 others, and no more
    units = [f"u{i}" for i in range(8)]
    standings = rank(scored(tmp_path, criteria_yaml(units), [{"unit": u, "pts": 80} for u in units]))
    assert all(s.ties == (InTieGroup(1, 7, ()),) for s in standings)
    assert all(s.rank == 1 for s in standings)


def test_more_than_listed_units_level_in_a_cluster_are_referred_to_by_the_clusters_group(tmp_path):
    # 9 units at 80: v1…v8 in cluster c1, w in c2; no keys, so all 9 share rank 1 in the round (group 1), and v1…v8
    # share rank 1 in c1 (group 2: the round's groups are numbered first); w is alone in c2
    units = {**{f"v{i}": "c1" for i in range(1, 9)}, "w": "c2"}
    text = criteria_yaml(units, clusters=["c1", "c2"])
    standings = {s.unit: s for s in rank(scored(tmp_path, text, [{"unit": u, "pts": 80} for u in units]))}
    assert all(s.ties == (InTieGroup(1, 8, ()),) for s in standings.values())  # 9 − 1 others, more than LISTED
    assert all(standings[f"v{i}"].cluster_ties == (InTieGroup(2, 7, ()),) for i in range(1, 9))  # 8 − 1 in c1
    assert standings["w"].cluster_ties == ()
    group = standings["v1"].cluster_tie_group
    assert group is not None
    assert (group.number, group.rank, group.cluster, len(group.members)) == (2, 1, "c1", 8)
    assert standings["w"].cluster_tie_group is None
    assert standings["v1"].cluster_tied_with == ("v2", "v3", "v4", "v5", "v6", "v7", "v8")


def test_a_round_without_clusters_gives_no_cluster_ties(tmp_path):
    standings = rank(scored(tmp_path, criteria_yaml(["a", "b"]), [{"unit": "a", "pts": 80}, {"unit": "b", "pts": 80}]))
    assert [(s.cluster_ties, s.cluster_tie_group, s.cluster_tied_with) for s in standings] == [((), None, ())] * 2


def test_deductions_and_bonuses_of_a_round_without_any_are_decimal_zeros(tmp_path):
    [card] = scored(tmp_path, criteria_yaml(["a"]), [{"unit": "a", "pts": 80}]).scorecards
    # no adjustment at all: the sums are Decimal 0 (a value of the key, shown as "0"), not the integer 0
    for kind, prefer in (("deductions", "lower"), ("bonuses", "higher")):
        value = key_value(card, TieBreak(kind, None, prefer))  # type: ignore[arg-type]
        assert (type(value), value) == (Decimal, 0)


def test_one_more_unit_level_beyond_the_neighbours_and_the_group_is_counted(tmp_path):
    # 8 level at 80 (7 others > LISTED): a (k 5), b–f share k 3 (group 1), g (k 2), h (k 1). For b–f: 8 − 5 of the
    # group − 2 neighbours (a above, g below) = 1 more: AlsoLevel(1), said even when it is one
    units = ["a", "b", "c", "d", "e", "f", "g", "h"]
    ks = {"a": 5, "b": 3, "c": 3, "d": 3, "e": 3, "f": 3, "g": 2, "h": 1}
    text = criteria_yaml(units, indicators=KEY, extra="tie_break: [{value: k}]\n")
    standings = {s.unit: s for s in rank(scored(tmp_path, text, [{"unit": u, "pts": 80, "k": ks[u]} for u in units]))}
    assert standings["b"].ties == (
        SettledBy("a", K, D(3), D(5)),
        SettledBy("g", K, D(3), D(2)),
        InTieGroup(1, 4, (K,)),
        AlsoLevel(1),
    )
    # h: its one neighbour g, and 8 − 1 − 1 = 6 more
    assert standings["h"].ties == (SettledBy("g", K, D(1), D(2)), AlsoLevel(6))
