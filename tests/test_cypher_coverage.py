"""The session-finish Cypher coverage check (tests/cypher_coverage.py), run on small pytest sessions:
it fails a whole run that left a statement unexecuted, names it, and stays quiet on a partial run."""

from __future__ import annotations

import pytest

CONFTEST = """
from pathlib import Path

import ledger
from tests.cypher_coverage import CypherCoverage, add_option


def pytest_addoption(parser):
    add_option(parser)


def pytest_configure(config):
    plugin = CypherCoverage(lambda: ["agency/get", "duty/never"], ledger.OBSERVED, Path(__file__).parent)
    config.pluginmanager.register(plugin, "cypher-coverage")
"""

RUNS_ONE = """
import ledger


def test_runs_agency_get():
    ledger.OBSERVED.add("agency/get")
"""

RUNS_OTHER = """
import ledger


def test_runs_duty_never():
    ledger.OBSERVED.add("{name}")


def test_plain():
    assert True
"""


@pytest.fixture()
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(ledger="OBSERVED = set()\n")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_one=RUNS_ONE)
    pytester.syspathinsert()
    return pytester


def test_a_whole_run_that_left_a_statement_fails_and_names_it(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_two=RUNS_OTHER.format(name="duty/other"))
    result = suite.runpytest()
    result.assert_outcomes(passed=3)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*cypher coverage*", "*1 statements under cypher/ never ran*", "*cypher/duty/never.cypher"])
    assert "agency/get.cypher" not in result.stdout.str()


def test_a_whole_run_that_ran_every_statement_passes(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_two=RUNS_OTHER.format(name="duty/never"))
    result = suite.runpytest()
    result.assert_outcomes(passed=3)
    assert result.ret == pytest.ExitCode.OK
    assert "cypher coverage" not in result.stdout.str()


@pytest.mark.parametrize("args", [["-k", "agency"], ["test_one.py"], ["-x", "--deselect", "test_two.py::test_plain"], ["--collect-only"]])
def test_a_partial_run_says_nothing(suite: pytest.Pytester, args: list[str]) -> None:
    suite.makepyfile(test_two=RUNS_OTHER.format(name="duty/other"))
    result = suite.runpytest(*args)
    assert result.ret == pytest.ExitCode.OK
    assert "cypher coverage" not in result.stdout.str()


def test_a_partial_run_is_checked_when_asked(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_two=RUNS_OTHER.format(name="duty/other"))
    result = suite.runpytest("test_one.py", "--cypher-coverage")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*cypher/duty/never.cypher"])


def test_a_run_stopped_by_a_failure_keeps_its_own_failure(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_two="def test_fails():\n    assert False\n")
    result = suite.runpytest("-x")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert "cypher coverage" not in result.stdout.str()
