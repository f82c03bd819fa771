"""A session-finish check: every shared Cypher statement ran on FalkorDB at least once.

It replaces a test that had to sort last (``tests/zz_last``) and failed or skipped depending on
which tests ran before it. Here the check runs after the session, and only when the session was
the whole suite: every test file under the tests folder collected, nothing deselected (``-k``,
``-m``, ``--lf``), not stopped early (``-x``, ``--maxfail``), not interrupted. Then a statement
that no test executed fails the session (exit status 1) and the summary names it. A partial run
says nothing, unless ``--cypher-coverage`` asks for the check anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

OPTION = "--cypher-coverage"


def add_option(parser: pytest.Parser) -> None:
    parser.addoption(OPTION, action="store_true", default=False,
                     help="check that every cypher/ statement ran even when only part of the suite ran")  # fmt: skip


class CypherCoverage:
    """The plugin: ``statements`` gives the names that must run, ``observed`` fills as they run."""

    def __init__(self, statements: Callable[[], Iterable[str]], observed: set[str], tests_dir: Path) -> None:
        self.statements = statements
        self.observed = observed
        self.tests_dir = tests_dir
        self.deselected = 0
        self.modules: set[Path] = set()
        self.missing: list[str] = []
        self.partial: str | None = None

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += len(items)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        path = report.nodeid.split("::")[0]
        if path.endswith(".py") and "::" not in report.nodeid:  # a module, collected or skipped whole
            self.modules.add(Path(path))

    def why_partial(self, session: pytest.Session, exitstatus: int) -> str | None:
        """Why this session was not the whole suite, or None when it was."""
        config = session.config
        if exitstatus == pytest.ExitCode.INTERRUPTED:
            return "interrupted"
        if config.option.collectonly:
            return "collected only"
        if session.shouldstop or session.shouldfail:
            return "stopped early"
        if config.option.keyword or config.option.markexpr:
            return "-k or -m chose the tests"
        if self.deselected:
            return f"{self.deselected} tests deselected"
        root = config.rootpath
        wanted = {p.relative_to(root) for p in self.tests_dir.rglob("test_*.py")}
        left = sorted(str(p) for p in wanted - self.modules)
        if left:
            return f"{len(left)} test files not collected (e.g. {left[0]})"
        return None

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.partial = self.why_partial(session, exitstatus)
        if self.partial is not None and not session.config.getoption(OPTION):
            return
        self.missing = sorted(set(self.statements()) - self.observed)
        if self.missing and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.missing:
            return
        terminalreporter.section("cypher coverage", red=True)
        terminalreporter.write_line(f"{len(self.missing)} statements under cypher/ never ran on FalkorDB "
                                    "(each needs a test that executes it):", red=True)  # fmt: skip
        for name in self.missing:
            terminalreporter.write_line(f"  cypher/{name}.cypher")
