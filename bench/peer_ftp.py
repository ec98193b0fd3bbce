#!/usr/bin/python3
"""The Python ftplib peer: what a user would write with the standard library, timed by the harness as a
whole process. Login comes from FERRY_BENCH_FTP=user:password@host:port (keeps the password off argv).

  peer_ftp.py put LOCAL REMOTE             storbinary of one file
  peer_ftp.py get REMOTE LOCAL             retrbinary of one file
  peer_ftp.py put-many LOCALDIR REMOTEDIR  every file of LOCALDIR on one connection
  peer_ftp.py get-many REMOTEDIR LOCALDIR  NLST, then every file on one connection
"""
import ftplib
import os
import sys

BLOCK = 256 * 1024


def connect():
    cred, _, where = os.environ["FERRY_BENCH_FTP"].rpartition("@")
    user, _, password = cred.partition(":")
    host, _, port = where.partition(":")
    ftp = ftplib.FTP()
    ftp.connect(host, int(port), timeout=60)
    ftp.login(user, password)
    return ftp


def main(op, a, b):
    ftp = connect()
    if op == "put":
        with open(a, "rb") as f:
            ftp.storbinary("STOR " + b, f, blocksize=BLOCK)
    elif op == "get":
        with open(b, "wb") as f:
            ftp.retrbinary("RETR " + a, f.write, blocksize=BLOCK)
    elif op == "put-many":
        ftp.cwd(b)
        for name in sorted(os.listdir(a)):
            with open(os.path.join(a, name), "rb") as f:
                ftp.storbinary("STOR " + name, f, blocksize=BLOCK)
    elif op == "get-many":
        os.makedirs(b, exist_ok=True)
        ftp.cwd(a)
        for name in ftp.nlst():
            if name.startswith("."):
                continue
            with open(os.path.join(b, name), "wb") as f:
                ftp.retrbinary("RETR " + name, f.write, blocksize=BLOCK)
    else:
        raise SystemExit("unknown operation " + op)
    ftp.quit()


if __name__ == "__main__":
    main(*sys.argv[1:4])
