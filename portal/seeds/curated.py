"""Curated facts from curated.toml: partner names, groups and websites, and the
policy fields with the keywords that assign posts to them."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CURATED_PATH = Path(__file__).with_name("curated.toml")


@dataclass(frozen=True)
class Curated:
    policy_fields: list[dict] = field(default_factory=list)
    partners: dict[str, dict] = field(default_factory=dict)
    programs: dict[str, dict] = field(default_factory=dict)
    post_policy_fields: dict[str, str] = field(default_factory=dict)
    # Old-site addresses no capture shows: address → a path here, or
    # {post = "title"} / {program = "name"} / {partner = "name"}.
    old_addresses: dict[str, object] = field(default_factory=dict)

    def partner_order(self, name: str) -> int:
        """Display order follows the curated file; unknown partners come last."""
        names = list(self.partners)
        return names.index(name) + 1 if name in self.partners else 999


def load_curated(path: Path = CURATED_PATH) -> Curated:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Curated(
        policy_fields=data.get("policy_fields", []),
        partners=data.get("partners", {}),
        programs=data.get("programs", {}),
        post_policy_fields=data.get("post_policy_fields", {}),
        old_addresses=data.get("old_addresses", {}),
    )
