"""The ASGI entry point for uvicorn: settings come from the environment."""

from service.app import create_app
from service.settings import Settings

app = create_app(Settings())
