"""SMTP: one message through the configured server (STARTTLS, implicit TLS or plain for a local
relay; a login when a user is set). smtplib blocks, so the sweep calls this on a worker thread."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from service.settings import SmtpSettings


def send(smtp: SmtpSettings, message: EmailMessage) -> None:
    """Hand ``message`` to the server; raises (smtplib.SMTPException, OSError) when it is not accepted."""
    if not smtp.host:
        raise smtplib.SMTPException("no SMTP host is configured (HAMAHANG_NOTIFY__SMTP__HOST)")
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_s, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s)
    with client:
        if smtp.security == "starttls":
            client.starttls(context=context)
        if smtp.user:
            client.login(smtp.user, smtp.password.get_secret_value() if smtp.password else "")
        client.send_message(message)
