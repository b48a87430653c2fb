"""Company keys: one company however it is written (DOMAIN.md section 1)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peoplelinks.domain import companies
from peoplelinks.domain.companies import LEGAL_SUFFIXES, company_key, is_target, target_keys


@pytest.mark.parametrize("name", [
    "Fabrikam, Inc.", "fabrikam", "FABRIKAM LLC", "Fabrikam Inc", "  Fabrikam\tInc. ",
    "Fabrikam Corp.", "Fabrikam & Co.", "Fabrikam GmbH & Co. KG", "Fabrikam Pty Ltd",
    "Fabrikam S.A.", "Fabrikam SAS", "Fabrikam S.A.S.", "The Fabrikam Company",
    "Fabrikam (Inc)", "Fabrikam®", "FABRIKAM, LIMITED",
])
def test_spellings_of_one_company(name: str) -> None:
    assert company_key(name) == "fabrikam"


def test_accents_are_folded_and_other_scripts_kept() -> None:
    assert company_key("Nestlé S.A.") == company_key("NESTLE") == "nestle"
    assert company_key("Société Générale") == "societe generale"
    assert company_key("Straße AG") == "strasse"
    assert company_key("ソニー株式会社") == "ソニー株式会社"
    assert company_key("Яндекс") == "яндекс"


def test_punctuation() -> None:
    assert company_key("Margie's Travel") == company_key("Margies Travel") == "margies travel"
    assert company_key("Hewlett-Packard") == company_key("Hewlett Packard")
    assert company_key("City Power & Light") == "city power light"
    assert company_key("3M Company") == "3m"


def test_a_suffix_alone_is_kept() -> None:
    assert company_key("Co") == "co"
    assert company_key("Co Inc.") == "co"
    assert company_key("The") == "the"
    assert company_key("Company") == "company"


def test_blank_and_punctuation_only() -> None:
    assert company_key("") == company_key("   ") == ""
    assert company_key("???") == "???"
    assert company_key("???") != company_key("!!!")


def test_targets() -> None:
    keys = target_keys(["Fabrikam, Inc.", "", "Contoso Health", "fabrikam"])
    assert keys == frozenset({"fabrikam", "contoso health"})
    assert is_target("FABRIKAM LLC", keys)
    assert not is_target("Fabrikam Robotics", keys)
    assert not is_target("", keys)
    assert not is_target("", frozenset({""}))


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
latinish = st.text(st.sampled_from("abcXYZéÉßñ .,'&-()İıǰ0ﬁ"), max_size=20)


@given(st.one_of(names, latinish))
def test_idempotent(name: str) -> None:
    key = company_key(name)
    assert company_key(key) == key
    assert (key == "") == (name.strip() == "")


@given(st.one_of(names, latinish), st.sampled_from(sorted(LEGAL_SUFFIXES) + ["Inc.", "S.A.",
                                                                           "& Co.", "LTD"]),
       st.sampled_from([" ", ", ", " - "]))
def test_a_suffix_never_changes_the_key(name: str, suffix: str, sep: str) -> None:
    assume(companies._fold(name).split())  # it has a word (not only punctuation)
    assert company_key(f"{name}{sep}{suffix}") == company_key(name)
