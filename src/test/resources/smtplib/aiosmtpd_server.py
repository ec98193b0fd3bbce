"""Test mail server for Ferry's smtplib tests: aiosmtpd's SMTP or LMTP server on 127.0.0.1.

Usage: aiosmtpd_server.py smtp|lmtp OUT_DIR [--refuse a@x,..] [--refuse-file F] [--defer b@x,..] [--refuse-data c@x,..] [--size N]
Refuses RCPT for --refuse (550) and --defer (451); in LMTP answers DATA with 552 for --refuse-data recipients.
Every delivery is saved as OUT_DIR/<n>.eml (the bytes received) and OUT_DIR/<n>.json (envelope).
Prints "PORT <n>" once listening, then serves until stdin closes.
"""
import argparse
import json
import os
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP


def addresses(text):
    return {a.strip().lower() for a in (text or "").split(",") if a.strip()}


class Handler:
    def __init__(self, args):
        self.out = args.out
        self.refuse = addresses(args.refuse)
        # addresses refused while they are listed in this file (one a line), read at every RCPT: a test can mend the fault
        self.refuse_file = args.refuse_file
        self.defer = addresses(args.defer)
        self.refuse_data = addresses(args.refuse_data)
        self.lmtp = args.mode == "lmtp"
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse or address.lower() in self.listed():
            return "550 5.1.1 <%s>: no such user" % address
        if address.lower() in self.defer:
            return "451 4.2.0 <%s>: mailbox busy, try later" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    def listed(self):
        if not self.refuse_file:
            return set()
        with open(self.refuse_file, encoding="utf-8") as f:
            return {line.strip().lower() for line in f if line.strip()}

    async def handle_DATA(self, server, session, envelope):
        delivered = [r for r in envelope.rcpt_tos if r.lower() not in self.refuse_data]
        if delivered:
            self.save(envelope, delivered)
        if not self.lmtp:
            return "250 2.0.0 queued as %d" % self.count
        # LMTP: one reply per accepted recipient, in RCPT order
        return "\r\n".join(
            "250 2.0.0 <%s> delivered" % r if r in delivered else "552 5.2.2 <%s> mailbox full" % r
            for r in envelope.rcpt_tos)

    def save(self, envelope, delivered):
        self.count += 1
        base = os.path.join(self.out, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": delivered,
                       "mail_options": envelope.mail_options, "rcpt_options": envelope.rcpt_options}, f)
        # the test waits for the .json file: it appears complete, after the message
        os.replace(base + ".json.tmp", base + ".json")


class EphemeralController(Controller):
    """Binds port 0; aiosmtpd 1.4 would otherwise connect to port 0 to check it is up."""

    def _trigger_server(self):
        if self.port == 0:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class LmtpController(EphemeralController):
    def factory(self):
        return LMTP(self.handler, **self.SMTP_kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["smtp", "lmtp"])
    parser.add_argument("out")
    parser.add_argument("--refuse")
    parser.add_argument("--refuse-file")
    parser.add_argument("--defer")
    parser.add_argument("--refuse-data")
    parser.add_argument("--size", type=int, default=33554432)
    args = parser.parse_args()
    kind = LmtpController if args.mode == "lmtp" else EphemeralController
    controller = kind(Handler(args), hostname="127.0.0.1", port=0, data_size_limit=args.size)
    controller.start()
    print("PORT %d" % controller.port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
