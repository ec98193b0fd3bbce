#!/usr/bin/python3
"""The Python smtplib peer, one connection for all messages.

  peer_smtp.py prebuilt PORT EMLDIR     sendmail() of each prebuilt .eml (bytes as they are)
  peer_smtp.py build PORT ATTDIR        per file: build a MIME message with the file attached, then sendmail()

build is what a mail step in a route does per message (headers, base64 of the attachment), so it is the
peer for Ferry's bench-mail route; prebuilt shows the transfer cost alone.
"""
import os
import smtplib
import sys
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

FROM = "bench@localhost"
TO = "sink@localhost"


def build(path):
    with open(path, "rb") as f:
        return build_bytes(os.path.basename(path), f.read())


def build_bytes(name, data):
    """A message with `data` attached as `name` (also the end-to-end peer's message, peer_chain.py)."""
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = FROM
    msg["To"] = TO
    msg["Subject"] = "bench: " + name
    msg.set_content("File attached: " + name + "\n")
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def main(mode, port, folder):
    names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    with smtplib.SMTP("127.0.0.1", int(port), timeout=60) as smtp:
        for name in names:
            path = os.path.join(folder, name)
            if mode == "prebuilt":
                with open(path, "rb") as f:
                    data = f.read()
            else:
                data = build(path)
            smtp.sendmail(FROM, [TO], data)


if __name__ == "__main__":
    main(*sys.argv[1:4])
