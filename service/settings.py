"""Settings read from the environment (prefix ``HAMAHANG_``), passed into the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.auth.policy import DEFAULT_SHARED


class DuplicationParams(BaseModel):
    """Duplicated work (GAO: fragmentation, overlap, duplication) between duties of different agencies."""

    neighbours: int = Field(5, ge=1, description="text neighbours kept per duty in a big COFOG-group block (top-k)")
    concept_neighbours: int = Field(3, ge=1, description="text neighbours kept per duty in a big thesaurus-concept block")
    min_text: float = Field(0.1, ge=0, le=1, description="text similarity that makes a pair a candidate in a big block")
    duplication_text: float = Field(0.45, ge=0, le=1, description="same activity by text (one COFOG group, no thesaurus object)")
    overlap_text: float = Field(0.30, ge=0, le=1, description="similar activity by text (one COFOG group, no thesaurus object)")
    fragmentation_per_duty: int = Field(10, ge=1, description="a duty's best fragmentation pairs kept (bounded output; both duties must be full to drop one)")
    weight_activity: float = 0.35
    weight_text: float = 0.2
    weight_function: float = 0.15
    weight_beneficiaries: float = 0.15
    weight_geography: float = 0.15


class WinWinParams(BaseModel):
    """How capacities answer needs and issues, and how exchange cycles are chosen."""

    neighbours: int = Field(10, ge=1, description="candidate capacities looked at per need (top-k by text)")
    matches_per_need: int = Field(3, ge=1, description="best matches kept per need or issue")
    min_text: float = Field(0.15, ge=0, le=1, description="n-gram cosine that makes a capacity a candidate")
    concept_candidates: int = Field(10, ge=0, description="capacities looked at per need by shared concepts (thesaurus), most shared first")
    min_related: float = Field(0.5, ge=0, le=1, description="relatedness a match needs: shared concepts, or n-gram cosine / 0.6")
    arranged_text: float = Field(0.2, ge=0, le=1, description="an exchange between the parties this close to the need arranges it")
    min_score: float = Field(0.5, ge=0, le=1, description="a match needs at least this score")
    issue_min_text: float = Field(0.35, ge=0, le=1, description="a capacity answers an issue above this")
    weight_text: float = 0.6
    weight_quantity: float = 0.2
    weight_window: float = 0.2
    default_value_rials: int = Field(1_000_000_000, ge=0, description="worth of a need that states none")
    issue_value_rials: int = Field(500_000_000, ge=0, description="worth of an issue per severity step")
    max_cycle_length: int = Field(3, ge=2, le=6)
    solver_seconds: float = Field(5.0, gt=0, description="time limit of each integer programme (the result says if it was proven optimal)")


class AlignmentParams(BaseModel):
    """An exchange or done request fits the provider's mission when it links or resembles a duty."""

    min_text: float = Field(0.2, ge=0, le=1, description="a record fits a duty whose text it resembles at least this much")
    concept_weight: float = Field(0.5, ge=0, le=1, description="a thesaurus meet counts this much toward fitting a duty")


class SmtpSettings(BaseModel):
    """Where the daily digest is sent from (``HAMAHANG_NOTIFY__SMTP__HOST`` ...); no host: no e-mail."""

    host: str | None = Field(None, description="the SMTP server; unset: digests are not mailed")
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = Field(
        "starttls", description="starttls (port 587), ssl (implicit TLS, port 465) or none (a relay on the same host)"
    )
    sender: str = Field("hamahang@localhost", description="the From address")
    user: str | None = None
    password: SecretStr | None = None
    timeout_s: float = Field(20.0, gt=0)


class NotifySettings(BaseModel):
    """Follow-up: the sweep that writes notifications, the digest and the webhooks (service/notify/)."""

    schedule: bool | None = Field(None, description="run the sweep on a timer in the service; unset: on, except env=test")
    sweep_interval_s: float = Field(300.0, ge=1, description="seconds between two sweeps")
    due_soon_days: int = Field(3, ge=0, description="an open request due within this many days is 'due soon'")
    escalation_days: int = Field(7, ge=1, description="overdue by this many days: told to the receiver's parent and the directorate")
    first_lookback_days: int = Field(7, ge=0, description="the first sweep of a store looks this far back for new requests and moves")
    digest_hour_utc: int = Field(4, ge=0, le=23, description="the daily digest goes out at the first sweep after this hour (UTC; 4 = 07:30 Tehran)")
    digest_max_items: int = Field(30, ge=1, description="lines in one digest (the rest are counted)")
    directorate_email: str | None = Field(None, description="the directorate's mailbox for its digest")
    site_url: str = Field("http://127.0.0.1:8000", description="where links in e-mails and webhooks point")
    smtp: SmtpSettings = SmtpSettings()
    webhook_allow_private: bool = Field(
        False, description="allow webhook URLs on loopback/private/link-local addresses (tests, a lab); never in production"
    )
    webhook_timeout_s: float = Field(10.0, gt=0)
    webhook_max_attempts: int = Field(8, ge=1, description="tries before a delivery is given up (failed)")
    webhook_backoff_s: float = Field(30.0, gt=0, description="first retry delay; doubled each try, at most a day")
    claim_timeout_s: float = Field(900.0, gt=0, description="a digest or delivery claimed this long ago and never recorded is tried again")

    def scheduled(self, env: str) -> bool:
        """Whether the app's lifespan runs the sweep on a timer (tests call one sweep themselves)."""
        return self.schedule if self.schedule is not None else env != "test"


class AnalysisSettings(BaseModel):
    duplication: DuplicationParams = DuplicationParams()
    winwin: WinWinParams = WinWinParams()
    alignment: AlignmentParams = AlignmentParams()


class ChainBody(BaseModel):
    """One body of the chain that approves the prioritised issues (issue 19 item 2)."""

    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    fa: str = Field(min_length=1, max_length=300)
    en: str = ""


class Settings(BaseSettings):
    """Everything the service can be told from outside; no module-level singleton.

    Analysis thresholds nest with ``__``: ``HAMAHANG_ANALYSIS__DUPLICATION__OVERLAP_TEXT=0.35``.
    """

    model_config = SettingsConfigDict(env_prefix="HAMAHANG_", extra="ignore", env_nested_delimiter="__")

    env: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(
        1, ge=1, le=16,
        description="uvicorn worker processes for `serve` (2 on the bench's 2 cores: lookups/s +40-60% under wrk)",
    )  # fmt: skip

    graph_url: str = Field(
        "embedded",
        description="embedded | falkordb://host:port/graph | neo4j://user:pass@host:7687/db",
    )
    data_dir: Path = Path("./var")
    today: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="the day (ISO) the analyses judge the registry on; unset: the clock's today. For replaying a "
        "past state and for generated registries, whose windows lie in 1401-1404",
    )  # fmt: skip
    graph_name: str = "hamahang"
    appendfsync: Literal["everysec", "always", "no"] = "everysec"
    pool_size: int = Field(16, ge=1, le=512)
    store_threads: int | None = Field(
        None, ge=1, le=64,
        description="FalkorDB's query threads (THREAD_COUNT) in the embedded store this service starts; unset: one "
        "per core. Read when the store starts, not by a service attaching to a running one",
    )  # fmt: skip
    analysis_processes: int = Field(
        2, ge=1, le=2,
        description="processes an analysis may use: 2 shares its parts with a forked child (a city's duplication "
        "through GraphQL 4.69 -> 4.26 s on 2 cores), 1 keeps it in the serving process; no fork without memory for a copy. "
        "Also whether a first start loads the demo in a forked child while the app imports (service/early_start.py)",
    )  # fmt: skip
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
    notify: NotifySettings = NotifySettings()

    shared_with_agencies: frozenset[str] = Field(
        DEFAULT_SHARED,
        description="entity kinds every agency token may read; of the others it reads only its own",
    )
    plan_approval_chain: tuple[str, ...] = Field(
        ("working_group", "coordination_council", "city_council"), min_length=1,
        description="the bodies a coordination plan is approved by, in order (a step may name its role: "
        "'city_council:directorate'); fixed on each plan when it is made",
    )  # fmt: skip
    max_body_bytes: int = Field(1_000_000, ge=1024, description="largest request body outside uploads")
    max_upload_bytes: int = Field(50_000_000, ge=1024)
    graphql_max_depth: int = Field(12, ge=2)
    graphql_max_aliases: int = Field(30, ge=1)
    graphql_max_tokens: int = Field(4000, ge=50)
    ws_max_subscriptions: int = Field(
        10, ge=1, description="subscriptions one WebSocket may hold at once (each event runs each one's selection)"
    )
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
    # issue intake: the committee (first) that decides the issue-cluster proposals, then the councils the
    # approved list goes up to; unset: seed 001's chain (service/analysis/vocab/data/intake_chain.csv)
    intake_chain: list[ChainBody] | None = Field(
        None, min_length=2,
        description='e.g. [{"code":"district_committee","fa":"کمیته منطقه"},{"code":"hq_council","fa":"شورای هماهنگی ستاد"}]',
    )  # fmt: skip

    @field_validator("plan_approval_chain")
    @classmethod
    def _chain_steps(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        bad = [s for s in value if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}(:(directorate|analyst|agency))?", s)]
        if bad or len(set(value)) != len(value):
            raise ValueError(f"each approval step once, as key or key:role (role: directorate, analyst, agency); not {bad or value!r}")
        return value

    @field_validator("graph_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        from service.storage.target import parse_target

        parse_target(value)  # raises ValueError with a readable message
        return value

    @model_validator(mode="after")
    def _no_private_webhooks_in_production(self) -> Settings:
        if self.env == "production" and self.notify.webhook_allow_private:
            raise ValueError("HAMAHANG_NOTIFY__WEBHOOK_ALLOW_PRIVATE may not be set in production (webhooks could reach the internal network)")
        return self

    @property
    def development(self) -> bool:
        return self.env == "development"
