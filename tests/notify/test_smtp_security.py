"""The mailer over TLS against a real aiosmtpd server with a certificate made here (trusted through
SSL_CERT_FILE, as an intranet's own CA would be): STARTTLS on a submission port and implicit TLS,
each with a login; a wrong password is refused, which the digest records as a failed send."""

from __future__ import annotations

import smtplib
import ssl
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from pydantic import SecretStr

from service.notify import mailer
from service.settings import SmtpSettings
from tests.conftest import free_port
from tests.notify.conftest import Sink


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=60)  # fmt: skip
    return cert, key


def only(user: str, password: str) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == user.encode() and data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    return check


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(request: pytest.FixtureRequest, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, Sink]]:
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this certificate, and only through the usual checks
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    sink = Sink()
    if request.param == "starttls":
        controller = Controller(sink, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True,
                                authenticator=only("hamahang", "s3cret"), auth_require_tls=True)  # fmt: skip
    else:
        controller = Controller(sink, hostname="127.0.0.1", port=free_port(), ssl_context=context,
                                authenticator=only("hamahang", "s3cret"), auth_require_tls=False)  # fmt: skip
    controller.start()
    try:
        yield request.param, controller.port, sink
    finally:
        controller.stop()


def mail() -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "هماهنگ: آزمون"
    message["From"] = "hamahang@mashhad.example"
    message["To"] = "parks@mashhad.example"
    message.set_content("سلام")
    return message


def test_tls_with_a_login(tls_server: tuple[str, int, Sink]) -> None:
    security, port, sink = tls_server
    settings = SmtpSettings(host="127.0.0.1", port=port, security=security, user="hamahang", password=SecretStr("s3cret"),
                            sender="hamahang@mashhad.example")  # fmt: skip
    mailer.send(settings, mail())
    assert len(sink.messages) == 1 and sink.messages[0]["Subject"] == "هماهنگ: آزمون"
    with pytest.raises(smtplib.SMTPAuthenticationError):
        mailer.send(settings.model_copy(update={"password": SecretStr("wrong")}), mail())
    assert len(sink.messages) == 1
    if security == "starttls":  # the server insists on TLS: a client that skips it is refused
        with pytest.raises(smtplib.SMTPException):
            mailer.send(settings.model_copy(update={"security": "none"}), mail())
    assert "s3cret" not in repr(settings)  # a SecretStr: never in a log line or a traceback's locals
