#!/usr/bin/python3
"""The end-to-end peer of issue #15: what a user would write with ftplib and smtplib for drop -> FTP -> mail,
timed by the harness as a whole process. Login from FERRY_BENCH_FTP=user:password@host:port.

  peer_chain.py LOCALDIR REMOTEDIR SMTPPORT

Uploads every file of LOCALDIR on one FTP connection (STOR under a temporary name, then RNFR/RNTO), then lists
REMOTEDIR (NLST), and per file: downloads it, mails it as an attachment with smtplib on one connection and moves
it to REMOTEDIR/.done/.
"""
import io
import os
import smtplib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import peer_ftp  # noqa: E402
import peer_smtp  # noqa: E402


def main(local, remote, port):
    ftp = peer_ftp.connect()
    ftp.cwd(remote)
    for name in sorted(os.listdir(local)):
        with open(os.path.join(local, name), "rb") as f:
            ftp.storbinary("STOR .%s.part" % name, f, blocksize=peer_ftp.BLOCK)
        ftp.rename(".%s.part" % name, name)
    try:
        ftp.mkd(".done")
    except Exception:  # noqa: BLE001  (already there)
        pass
    with smtplib.SMTP("127.0.0.1", int(port), timeout=60) as smtp:
        for name in ftp.nlst():
            if name.startswith("."):
                continue
            buf = io.BytesIO()
            ftp.retrbinary("RETR " + name, buf.write, blocksize=peer_ftp.BLOCK)
            smtp.sendmail(peer_smtp.FROM, [peer_smtp.TO], peer_smtp.build_bytes(name, buf.getvalue()))
            ftp.rename(name, ".done/" + name)
    ftp.quit()


if __name__ == "__main__":
    main(*sys.argv[1:4])
