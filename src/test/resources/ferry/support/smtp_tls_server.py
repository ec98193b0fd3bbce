"""Test SMTP server (aiosmtpd) on 127.0.0.1 and a free port: STARTTLS required, SMTP over TLS, or plain
without STARTTLS; AUTH with one account; each message is written to the mail folder as an .eml file.
Usage: smtp_tls_server.py MODE CERT KEY USER PASSWORD MAILDIR PORTFILE"""
import asyncio
import os
import socket
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

mode, cert, key, user, password, maildir, portfile = sys.argv[1:8]


class Handler:
    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(maildir, "%d.eml" % time.time_ns())
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (isinstance(auth_data, LoginPassword)
          and auth_data.login.decode() == user and auth_data.password.decode() == password)
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


def protocol():
    if mode == "starttls":
        return SMTP(Handler(), hostname="127.0.0.1", tls_context=context, require_starttls=True,
                    authenticator=authenticate, auth_required=True, auth_require_tls=True)
    # ssl: the whole connection is TLS; plain: no STARTTLS offered at all
    return SMTP(Handler(), hostname="127.0.0.1", authenticator=authenticate, auth_required=True,
                auth_require_tls=False)


loop = asyncio.new_event_loop()
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.bind(("127.0.0.1", 0))
loop.run_until_complete(loop.create_server(protocol, sock=sock, ssl=context if mode == "ssl" else None))
with open(portfile + ".tmp", "w") as f:
    f.write(str(sock.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)
loop.run_forever()
