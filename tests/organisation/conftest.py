"""The realistic organisation (5 teams x 3 cycles), built once per test run and copied for tests that change it."""

from __future__ import annotations

import pytest

from tests.organisation.orgworkspace import Org, build, copy_of


@pytest.fixture(scope="session")
def built_org(tmp_path_factory: pytest.TempPathFactory) -> Org:
    return build(tmp_path_factory.mktemp("organisation"))


@pytest.fixture
def org(built_org: Org, tmp_path) -> Org:
    """A fresh copy of the organisation for one test."""
    return copy_of(built_org, tmp_path / "org")
