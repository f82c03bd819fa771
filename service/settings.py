"""Settings read from the environment (prefix ``HAMAHANG_``), passed into the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the service can be told from outside; no module-level singleton."""

    model_config = SettingsConfigDict(env_prefix="HAMAHANG_", extra="ignore")

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
    store_timeout_s: float = Field(10.0, gt=0)

    load_demo: bool = Field(False, description="load the demo registry when the store is empty")
    default_page_size: int = Field(20, ge=1)
    max_page_size: int = Field(100, ge=1)

    @field_validator("graph_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        from service.storage.target import parse_target

        parse_target(value)  # raises ValueError with a readable message
        return value

    @property
    def development(self) -> bool:
        return self.env == "development"
