#!/usr/bin/python3
"""SMTP sink for the benchmark: aiosmtpd on 127.0.0.1 that accepts every message, counts it and records
its sha256, size, subject, attachment name and the (CLOCK_MONOTONIC) time it was accepted.

Usage: sink.py PORT LOGFILE [MAILDIR]

One TSV line per message is appended to LOGFILE:  seq, monotonic seconds, sha256, bytes, subject, filename.
With MAILDIR every message is also written there as <seq>.eml so the harness can check attachments.
"READY" on stdout once the port listens. Ends on SIGTERM/SIGINT.

aiosmtpd's own DATA reader handles one line per await; for 2000 x 13 KB messages that costs the sink about
twice the CPU of the client on this 2-core machine, so the sink, not the client, would be measured. This
subclass reads DATA up to the terminating CRLF.CRLF in one buffered call (StreamReader.readuntil scans
incrementally) and then undoes dot-stuffing once over the whole message.
"""
import asyncio
import hashlib
import os
import re
import signal
import sys
import time

from aiosmtpd.smtp import SMTP

END = b"\r\n.\r\n"
SUBJECT = re.compile(rb"(?im)^subject:[ \t]*(.*(?:\r\n[ \t].*)*)")
FILENAME = re.compile(rb'(?i)filename\*?=[ \t]*"?([^";\r\n]+)')
MAX_MESSAGE = 256 * 1024 * 1024


class Recorder:
    def __init__(self, log_path, maildir):
        # line buffered: a reader polling the file sees each message as soon as it is accepted
        self.log = open(log_path, "a", buffering=1, encoding="utf-8")
        self.maildir = maildir
        self.seq = 0

    def record(self, content, accepted_at):
        self.seq += 1
        head_end = content.find(b"\r\n\r\n")
        headers = content[: head_end if head_end >= 0 else len(content)]
        m = SUBJECT.search(headers)
        subject = m.group(1).replace(b"\r\n", b"").decode("utf-8", "replace") if m else ""
        # the attachment's name is in the first MIME part headers; 64 KiB is far past them for our messages
        f = FILENAME.search(content, 0, 65536)
        filename = f.group(1).decode("utf-8", "replace") if f else ""
        if self.maildir:
            with open(os.path.join(self.maildir, "%07d.eml" % self.seq), "wb") as out:
                out.write(content)
        # one record per line: no tab or line break may come from the message
        clean = lambda s: s.replace("\t", " ").replace("\r", "").replace("\n", " ")
        self.log.write("%d\t%.6f\t%s\t%d\t%s\t%s\n" % (self.seq, accepted_at, hashlib.sha256(content).hexdigest(),
                                                      len(content), clean(subject), clean(filename)))


class BlockDataSMTP(SMTP):
    recorder = None

    async def smtp_DATA(self, arg):
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        # the reader's limit is the line length limit for commands; a whole message must fit here
        self._reader._limit = MAX_MESSAGE
        try:
            data = await self._reader.readuntil(END)
        except asyncio.IncompleteReadError:
            return  # the client went away mid-message: nothing accepted
        finally:
            self._reader._limit = self.line_length_limit
        accepted_at = time.monotonic()
        # keep the CRLF that ends the last line; drop ".CRLF"; undo dot-stuffing (RFC 5321 4.5.2)
        content = data[:-3].replace(b"\r\n..", b"\r\n.")
        if content.startswith(b".."):
            content = content[1:]
        self.recorder.record(content, accepted_at)
        self._set_post_data_state()
        await self.push("250 OK")


class NoHandler:
    """Every address is accepted; DATA is handled by BlockDataSMTP itself."""


async def main():
    port = int(sys.argv[1])
    BlockDataSMTP.recorder = Recorder(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    loop = asyncio.get_running_loop()
    handler = NoHandler()
    server = await loop.create_server(
        lambda: BlockDataSMTP(handler, data_size_limit=MAX_MESSAGE, enable_SMTPUTF8=True, decode_data=False,
                              hostname="bench-sink"),
        host="127.0.0.1", port=port, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("READY", flush=True)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
