"""Which plan belongs to which team: the team a plan names, and team names so alike they are likely one team."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Words that say what kind of group it is, not which: "Team De Linde" and "De Linde" are one team.
_GROUP_WORDS = frozenset({"team", "afdeling", "afd", "locatie", "lokatie", "unit", "wijkteam", "groep"})
_TITLE = re.compile(r"^#\s+PDCA-verbeterplan\s+[—–-]\s+(.+?)\s*$", re.M)
SIMILAR_AT = 0.88  # difflib ratio of the cores: "De Linde" / "De Lind" yes, "De Linde" / "De Eik" no


def plan_team(text: str) -> str:
    """Return the team a plan is for, as its title says ("# PDCA-verbeterplan — Team De Linde"); "" if none."""
    match = _TITLE.search(text.replace("\r\n", "\n"))
    return match.group(1).replace("\\", "") if match else ""


def team_core(team: str) -> str:
    """Return the part of a team name that tells teams apart: "Team De Linde" -> "de linde"."""
    plain = unicodedata.normalize("NFKD", team).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", plain) if w not in _GROUP_WORDS]
    return " ".join(words)


def similar_teams(team: str, known: Iterable[str]) -> tuple[str, ...]:
    """Return the names in `known` that are probably the same team as `team` but written differently.

    Exactly the same name (ignoring case and spacing) is not "similar": that is the team's own plan.
    """
    own = " ".join(team.lower().split())
    core = team_core(team)
    found = []
    for name in known:
        if " ".join(name.lower().split()) == own:
            continue
        other = team_core(name)
        if not core or not other:
            continue
        if other == core or difflib.SequenceMatcher(None, core, other).ratio() >= SIMILAR_AT:
            found.append(name)
    return tuple(dict.fromkeys(found))
