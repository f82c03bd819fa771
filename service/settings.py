"""Settings read from the environment (prefix ``HAMAHANG_``), passed into the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.auth.policy import DEFAULT_SHARED


class DuplicationParams(BaseModel):
    """Duplicated work (GAO: fragmentation, overlap, duplication) between duties of different agencies."""

    neighbours: int = Field(10, ge=1, description="text neighbours kept per duty (top-k)")
    min_text: float = Field(0.25, ge=0, le=1, description="text similarity that makes a pair a candidate")
    duplication_text: float = Field(0.45, ge=0, le=1, description="same activity: text at least this, same group")
    overlap_text: float = Field(0.30, ge=0, le=1, description="similar activity: text at least this")
    weight_text: float = 0.5
    weight_function: float = 0.2
    weight_beneficiaries: float = 0.15
    weight_geography: float = 0.15


class WinWinParams(BaseModel):
    """How capacities answer needs and issues, and how exchange cycles are chosen."""

    neighbours: int = Field(10, ge=1, description="candidate capacities looked at per need (top-k by text)")
    matches_per_need: int = Field(3, ge=1, description="best matches kept per need or issue")
    min_text: float = Field(0.15, ge=0, le=1)
    min_score: float = Field(0.5, ge=0, le=1, description="a match needs at least this score")
    issue_min_text: float = Field(0.35, ge=0, le=1, description="a capacity answers an issue above this")
    weight_text: float = 0.6
    weight_quantity: float = 0.2
    weight_window: float = 0.2
    default_value_rials: int = Field(1_000_000_000, ge=0, description="worth of a need that states none")
    issue_value_rials: int = Field(500_000_000, ge=0, description="worth of an issue per severity step")
    max_cycle_length: int = Field(3, ge=2, le=6)
    max_cycles: int = Field(3_000, ge=1, description="opportunities enumerated at most (the rest reported as truncated)")
    solver_seconds: float = Field(5.0, gt=0, description="time limit of the integer programme (the result says if it was optimal)")


class AlignmentParams(BaseModel):
    """An exchange or done request fits the provider's mission when it links or resembles a duty."""

    min_text: float = Field(0.2, ge=0, le=1)


class AnalysisSettings(BaseModel):
    duplication: DuplicationParams = DuplicationParams()
    winwin: WinWinParams = WinWinParams()
    alignment: AlignmentParams = AlignmentParams()


class Settings(BaseSettings):
    """Everything the service can be told from outside; no module-level singleton.

    Analysis thresholds nest with ``__``: ``HAMAHANG_ANALYSIS__DUPLICATION__OVERLAP_TEXT=0.35``.
    """

    model_config = SettingsConfigDict(env_prefix="HAMAHANG_", extra="ignore", env_nested_delimiter="__")

    env: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000

    graph_url: str = Field(
        "embedded",
        description="embedded | falkordb://host:port/graph | neo4j://user:pass@host:7687/db",
    )
    data_dir: Path = Path("./var")
    graph_name: str = "hamahang"
    appendfsync: Literal["everysec", "always", "no"] = "everysec"
    pool_size: int = Field(16, ge=1, le=512)
    store_timeout_s: float = Field(10.0, gt=0, description="FalkorDB's limit on a read statement, and on waiting for a pooled connection")
    store_stall_s: float = Field(
        3.0, gt=0, le=30,
        description="a statement unanswered this long makes the service PING the store; no PONG within 1 s "
        "and it answers STORE_UNAVAILABLE (so a stalled store answers in about stall + 1 s, not 60 s)",
    )  # fmt: skip
    token_cache_s: float = Field(
        5.0, ge=0,
        description="how long a process remembers a token's actor; a revocation made elsewhere (CLI, another "
        "worker) takes this long to bite, one made through this process bites at once; 0 turns it off",
    )  # fmt: skip

    portal_secret: SecretStr | None = Field(
        None,
        description="signs browser sessions (portal, sign-in); required in production (32+ characters, the same on "
        "every host); development and tests make one per data dir",
    )  # fmt: skip
    load_demo: bool = Field(False, description="load the demo registry when the store is empty")
    default_page_size: int = Field(20, ge=1)
    max_page_size: int = Field(100, ge=1)
    analysis: AnalysisSettings = AnalysisSettings()

    shared_with_agencies: frozenset[str] = Field(
        DEFAULT_SHARED,
        description="entity kinds every agency token may read; of the others it reads only its own",
    )
    max_body_bytes: int = Field(1_000_000, ge=1024, description="largest request body outside uploads")
    max_upload_bytes: int = Field(50_000_000, ge=1024)
    graphql_max_depth: int = Field(12, ge=2)
    graphql_max_aliases: int = Field(30, ge=1)
    graphql_max_tokens: int = Field(4000, ge=50)
    graphql_max_rows: int = Field(
        50_000, ge=100, description="the query cost limit: rows a document may read, estimated (service/graphql/cost.py)"
    )
    # an upload (POST /registry/import, /interop/import) is parsed on a worker thread and stops at the
    # first of these; bigger registries go through the CLI (``import --batch-rows``)
    import_max_rows: int = Field(50_000, ge=1, description="rows of all sheets of one upload")
    import_max_cells: int = Field(1_000_000, ge=1, description="cells of all sheets of one upload")
    import_max_uncompressed_bytes: int = Field(
        200_000_000, ge=1024, description="an XLSX's parts once unzipped (a 73 KB file held 500k rows)"
    )
    import_max_seconds: float = Field(60.0, gt=0, description="time to read and check one upload")

    @field_validator("graph_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        from service.storage.target import parse_target

        parse_target(value)  # raises ValueError with a readable message
        return value

    @property
    def development(self) -> bool:
        return self.env == "development"
