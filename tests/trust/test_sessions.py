"""Browser session cookies (issue 13 item 13): the portal's session and the analysts' viewer session
are signed for one purpose each, so neither works as the other; the key comes from Settings and
production refuses to start without it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from service.app import create_app
from service.auth.tokens import digest
from service.errors import ServiceError
from service.portal import session as sessions
from service.settings import Settings
from tests.conftest import GraphQL, LiveServer

ME = {"query": "{ me { role agencyId } }"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def portal_cookie(base_url: str, token: str) -> str:
    """Sign in to the portal as a browser does and return the session cookie's value."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        page = client.get("/portal/login")
        found = CSRF.search(page.text)
        assert found, page.text
        response = client.post("/portal/login", data={"token": token, "csrf": found.group(1)})
        assert response.status_code == 303, response.text
        return response.cookies[sessions.SESSION_COOKIE]


def test_a_portal_cookie_is_not_a_viewer_cookie(demo: GraphQL, live: LiveServer) -> None:
    agency = demo.as_role("agency", "ag-parks")
    assert agency.token is not None
    cookie = portal_cookie(live.url, agency.token)
    with httpx.Client(base_url=live.url, timeout=30, cookies={sessions.SESSION_COOKIE: cookie}) as portal:
        assert portal.get("/portal/dashboard", follow_redirects=False).status_code == 200  # it is a good portal cookie
    # the same value presented as the viewer cookie: before, GET /graphql answered as the agency
    with httpx.Client(base_url=live.url, timeout=30, cookies={"hmh_viewer": cookie}) as viewer:
        answer = viewer.get("/graphql", params=ME, headers={"accept": "application/json"})
        assert answer.status_code == 401, answer.text
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_viewer_cookie_is_not_a_portal_cookie(demo: GraphQL, live: LiveServer) -> None:
    signed = demo.client.post("/signin", data={"token": demo.token}, follow_redirects=False)
    viewer_cookie = signed.cookies["hmh_viewer"]
    with httpx.Client(base_url=live.url, timeout=30, cookies={"hmh_viewer": viewer_cookie}) as viewer:
        assert viewer.get("/graphql", params=ME, headers={"accept": "application/json"}).json()["data"]["me"]["role"] == "directorate"
    with httpx.Client(base_url=live.url, timeout=30, cookies={sessions.SESSION_COOKIE: viewer_cookie}) as portal:
        assert portal.get("/portal/dashboard", follow_redirects=False).headers["location"].endswith("/portal/login")
    # the portal only takes agency tokens, so forge a viewer-purpose cookie for one with the app's own key:
    # signed for the portal it opens the dashboard, signed for the viewer it does not
    agency = demo.as_role("agency", "ag-parks")
    assert agency.token is not None
    key = live.app.state.portal_secret
    for purpose, opens in ((sessions.PORTAL, True), (sessions.VIEWER, False), (sessions.LOGIN, False)):
        value = sessions.seal(key, purpose, {"d": digest(agency.token), "n": "x"})
        with httpx.Client(base_url=live.url, timeout=30, cookies={sessions.SESSION_COOKIE: value}) as portal:
            status = portal.get("/portal/dashboard", follow_redirects=False).status_code
            assert (status == 200) is opens, (purpose, status)


def test_a_cookie_signed_with_another_key_or_expired_is_refused() -> None:
    data = {"d": "0" * 64, "n": "x"}
    value = sessions.seal(b"k" * 32, sessions.PORTAL, data)
    assert sessions.unseal(b"k" * 32, sessions.PORTAL, value) == data
    assert sessions.unseal(b"j" * 32, sessions.PORTAL, value) is None
    assert sessions.unseal(b"k" * 32, sessions.PORTAL, value[:-2] + "xx") is None
    old = sessions._serializer(b"k" * 32, sessions.PORTAL)
    stale = old.dumps(data)
    sessions.MAX_AGE[sessions.PORTAL], kept = -1, sessions.MAX_AGE[sessions.PORTAL]
    try:
        assert sessions.unseal(b"k" * 32, sessions.PORTAL, stale) is None
    finally:
        sessions.MAX_AGE[sessions.PORTAL] = kept


def test_the_key_comes_from_settings(tmp_path: Path) -> None:
    secret = "s" * 40
    app = create_app(Settings(env="production", data_dir=tmp_path, portal_secret=SecretStr(secret)))
    assert app.state.portal_secret == secret.encode()
    assert not (tmp_path / "portal-secret.key").exists()
    # development: one key per data dir, the same for every app made on it
    first = create_app(Settings(env="development", data_dir=tmp_path / "dev")).state.portal_secret
    second = create_app(Settings(env="development", data_dir=tmp_path / "dev")).state.portal_secret
    assert first == second and len(first) == 32
    assert (tmp_path / "dev" / "portal-secret.key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("secret", [None, "short"])
def test_production_without_a_secret_is_refused(tmp_path: Path, secret: str | None) -> None:
    settings = Settings(env="production", data_dir=tmp_path, portal_secret=SecretStr(secret) if secret else None)
    with pytest.raises(ServiceError) as refused:
        create_app(settings)
    assert refused.value.code == "CONFIGURATION" and "HAMAHANG_PORTAL_SECRET" in refused.value.message_en


def test_serve_in_production_without_a_secret_stops_with_a_clear_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAMAHANG_")}
    env |= {"HAMAHANG_ENV": "production", "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_PORT": "1"}
    done = subprocess.run([sys.executable, "-m", "service", "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "CONFIGURATION: HAMAHANG_PORTAL_SECRET is not set" in done.stderr
    assert "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir()), "nothing was started or written"
