#!/usr/bin/python3
"""Ferry's benchmark against the peer tools (issue #6). Run it through bench/run, which installs the
Debian packages and builds the jar first.

    bench/run [full|smoke] [--run-dir DIR] [--keep] [--set KEY=VALUE] [--only peers|ferry]
    bench/run --report RUN_DIR        (write the table/plot again from RUN_DIR/results.json)

Starts its own vsftpd (127.0.0.1:2221) and SMTP sink (127.0.0.1:2625), generates the data set with a fixed
seed, runs curl, lftp, Python ftplib/smtplib and Ferry (a separate `java -jar target/ferry.jar`) on the same
work, verifies every result and writes a Markdown table (and, for full, a PNG plot).

Timing: peers are timed as whole commands (process start included). Ferry is a daemon: its cases are timed
from the drop (an atomic rename into the watched folder) until the result is checked from outside Ferry, with
the JVM already running; its startup is a row of its own. All clocks are monotonic (perf_counter/monotonic,
both CLOCK_MONOTONIC on Linux, so the sink's accept times compare with the harness's drop times).
"""
import argparse
import datetime
import email
import email.policy
import hashlib
import json
import os
import platform
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import peer_smtp  # noqa: E402  (builds the prebuilt .eml files the same way the peer builds its messages)

# fixed ports, so a run's logs and table name them; the environment can move them (two runs side by side)
FTP_PORT = int(os.environ.get("BENCH_FTP_PORT", "2221"))
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "2625"))
PASV_MIN, PASV_MAX = (int(x) for x in os.environ.get("BENCH_PASV_PORTS", "31000-31100").split("-"))
FTP_USER = "ferrybench"
# vsftpd enters the user's home before local_root: it must exist; each run's files live under local_root
FTP_USER_HOME = Path("/var/lib/ferry-bench-home")
SEED = 6
DATA_VERSION = 2  # bump when the data set's layout changes, so cached sets are rebuilt
MODES = {
    "full": dict(big_mb=1024, nsmall=2000, nmail=2000, nlat=50, nchain=300, runs=3),
    "smoke": dict(big_mb=64, nsmall=100, nmail=50, nlat=10, nchain=30, runs=1),
}
# issue #6: the heap capped at 64 MiB (Ferry streams), and an OutOfMemoryError ends the JVM instead of leaving
# a consumer thread dead; plus the README's recommended collector and compiler (less CPU per file)
DEFAULT_JVM = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
LAT_SPACING = 0.3
MB = 1e6  # rates in MB/s are 10^6 bytes per second, as in issue #6


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


class CaseFailed(Exception):
    pass


# ---------------------------------------------------------------------------------------------- data set

def sha256_file(path, block=1 << 20):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            b = f.read(block)
            if not b:
                return h.hexdigest()
            h.update(b)


def make_dataset(root, p):
    """big.bin, small/sNNNN.bin (4 KiB), att/aNNNN.bin (8 KiB), eml/mNNNN.eml (the att files as prebuilt
    MIME messages), chain/cNNNN.bin (4-64 KiB, the end-to-end case) and manifest.json. Reused when the manifest's
    parameters match."""
    params = dict(version=DATA_VERSION, seed=SEED, big_mb=p["big_mb"], nsmall=p["nsmall"], nmail=p["nmail"],
                  nchain=p["nchain"])
    manifest_path = root / "manifest.json"
    if manifest_path.exists():
        try:
            m = json.loads(manifest_path.read_text())
            if m["params"] == params and (root / "big.bin").stat().st_size == p["big_mb"] << 20:
                log("data set reused: %s" % root)
                return m
        except (ValueError, KeyError, OSError):
            pass
    log("generating data set in %s (seed %d)" % (root, SEED))
    shutil.rmtree(root, ignore_errors=True)
    for d in ("small", "att", "eml", "chain"):
        (root / d).mkdir(parents=True)
    rng = random.Random(SEED)
    h = hashlib.sha256()
    with open(root / "big.bin", "wb") as f:
        for _ in range(p["big_mb"]):
            chunk = rng.randbytes(1 << 20)
            h.update(chunk)
            f.write(chunk)
    files = {"big.bin": h.hexdigest()}
    for i in range(p["nsmall"]):
        b = rng.randbytes(4096)
        (root / "small" / ("s%04d.bin" % i)).write_bytes(b)
        files["small/s%04d.bin" % i] = hashlib.sha256(b).hexdigest()
    # MIME boundaries come from the global random module: seed it so the .eml files are reproducible
    random.seed(SEED)
    for i in range(p["nmail"]):
        b = rng.randbytes(8192)
        att = root / "att" / ("a%04d.bin" % i)
        att.write_bytes(b)
        files["att/a%04d.bin" % i] = hashlib.sha256(b).hexdigest()
        eml = peer_smtp.build(str(att))
        (root / "eml" / ("m%04d.eml" % i)).write_bytes(eml)
        files["eml/m%04d.eml" % i] = hashlib.sha256(eml).hexdigest()
    # its own generator, so the other files stay what they were before this case existed
    chain_rng = random.Random(SEED + 2)
    for i in range(p["nchain"]):
        b = chain_rng.randbytes(chain_rng.randint(4, 64) * 1024)
        (root / "chain" / ("c%04d.bin" % i)).write_bytes(b)
        files["chain/c%04d.bin" % i] = hashlib.sha256(b).hexdigest()
    m = dict(params=params, files=files)
    manifest_path.write_text(json.dumps(m, indent=0))
    return m


def link_or_copy(src, dst):
    # hard links: staging 1 GiB for every run costs nothing and needs no disk; copies across file systems
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def warm(paths):
    # read the sources once so the timed run finds them in the page cache
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def settle():
    os.sync()


def verify_dir(folder, manifest, prefix, n, label):
    """Every expected file present under its name with the right bytes, nothing else (dot-names ignored)."""
    expected = {k[len(prefix):]: v for k, v in manifest["files"].items() if k.startswith(prefix)}
    assert len(expected) == n
    names = sorted(x for x in os.listdir(folder) if not x.startswith("."))
    if names != sorted(expected):
        missing = sorted(set(expected) - set(names))[:5]
        extra = sorted(set(names) - set(expected))[:5]
        raise CaseFailed("%s: %d files in %s, expected %d (missing %s, extra %s)"
                         % (label, len(names), folder, n, missing, extra))
    for name in names:
        if sha256_file(folder / name) != expected[name]:
            raise CaseFailed("%s: %s/%s differs from the data set" % (label, folder, name))


def verify_big(path, manifest, label):
    if not path.exists():
        raise CaseFailed("%s: %s missing" % (label, path))
    if sha256_file(path) != manifest["files"]["big.bin"]:
        raise CaseFailed("%s: sha256 of %s differs from big.bin" % (label, path))


# ---------------------------------------------------------------------------------------------- servers

class Servers:
    """Our own vsftpd and SMTP sink; stop() ends exactly these processes (and vsftpd's session children)."""

    def __init__(self, run):
        self.run = run
        self.password = secrets.token_urlsafe(18)  # throwaway, made per run, never written to the repo
        self.home = run / "ftp"
        self.vsftpd = None
        self.sink = None
        self.sink_log = run / "sink.tsv"
        self._counted = (0, 0)  # bytes of sink.tsv read so far, and the lines in them
        self.maildir = run / "mail"

    def start(self):
        for port in (FTP_PORT, SMTP_PORT):
            if port_open(port):
                raise SystemExit("127.0.0.1:%d is already in use: is another benchmark running?" % port)
        self._user()
        self.home.mkdir()
        for d in ("src", "up", "incoming", "outgoing"):
            (self.home / d).mkdir()
        subprocess.run(["chown", "-R", "%s:%s" % (FTP_USER, FTP_USER), str(self.home)], check=True)
        (self.run / "empty").mkdir()
        (self.run / "users").write_text(FTP_USER + "\n")
        conf = self.run / "vsftpd.conf"
        conf.write_text("\n".join([
            "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=%d" % FTP_PORT,
            "background=NO", "anonymous_enable=NO", "local_enable=YES", "write_enable=YES", "local_umask=022",
            # chrooted to local_root, so "/incoming" (absolute, as Ferry's ftplib steps name it) and "incoming"
            # (relative, camel-ftp) are the same folder, as on most servers; the root is writable, hence allow_...
            "local_root=%s" % self.home, "chroot_local_user=YES", "allow_writeable_chroot=YES",
            "userlist_enable=YES", "userlist_deny=NO", "userlist_file=%s" % (self.run / "users"),
            "pam_service_name=vsftpd", "pasv_enable=YES", "pasv_address=127.0.0.1",
            "pasv_min_port=%d" % PASV_MIN, "pasv_max_port=%d" % PASV_MAX,
            "port_enable=YES", "connect_from_port_20=NO", "secure_chroot_dir=%s" % (self.run / "empty"),
            "seccomp_sandbox=NO", "xferlog_enable=NO", "max_clients=0", "max_per_ip=0",
            "ftpd_banner=ferry bench vsftpd", ""]))
        out = open(self.run / "vsftpd.out", "wb")
        # own session: vsftpd's per-connection children share its process group, so killpg ends just them
        self.vsftpd = subprocess.Popen(["/usr/sbin/vsftpd", str(conf)], stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        wait_port(FTP_PORT, self.vsftpd, "vsftpd")
        self.maildir.mkdir()
        self.sink = subprocess.Popen(["/usr/bin/python3", str(BENCH / "sink.py"), str(SMTP_PORT), str(self.sink_log),
                                      str(self.maildir)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     stderr=open(self.run / "sink.err", "wb"), start_new_session=True)
        line = self.sink.stdout.readline()
        if line.strip() != b"READY":
            raise SystemExit("SMTP sink did not start: " + (self.run / "sink.err").read_text())
        log("vsftpd on 127.0.0.1:%d (pid %d, home %s), SMTP sink on 127.0.0.1:%d (pid %d)"
            % (FTP_PORT, self.vsftpd.pid, self.home, SMTP_PORT, self.sink.pid))

    def _user(self):
        FTP_USER_HOME.mkdir(parents=True, exist_ok=True)
        if subprocess.run(["id", FTP_USER], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--home-dir", str(FTP_USER_HOME), "--shell", "/bin/sh", FTP_USER], check=True)
        # SHA-512 crypt: Debian's default yescrypt makes every FTP login (PAM) noticeably slower
        subprocess.run(["chpasswd", "-c", "SHA512"], input=("%s:%s\n" % (FTP_USER, self.password)).encode(),
                       check=True)

    def sessions(self):
        """vsftpd's per-connection processes of this run (they setsid, so killpg misses them): found by our
        config file on their command line, which names this run's folder."""
        want = ["/usr/sbin/vsftpd", str(self.run / "vsftpd.conf")]
        pids = []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    if open("/proc/%s/cmdline" % d, "rb").read().decode(errors="replace").split("\0")[:2] == want:
                        pids.append(int(d))
                except OSError:
                    pass
        return pids

    def stop(self):
        for pid in self.sessions():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for name, p in (("vsftpd", self.vsftpd), ("sink", self.sink)):
            if p is None or p.poll() is not None:
                continue
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(5)

    # --- sink records
    def records(self):
        if not self.sink_log.exists():
            return []
        out = []
        with open(self.sink_log, "rb") as f:
            # split on LF only, and drop a last line still being written
            for line in f.read().decode("utf-8", "replace").split("\n")[:-1]:
                seq, t, sha, size, subject, filename = line.split("\t")
                out.append(dict(seq=int(seq), t=float(t), sha=sha, size=int(size), subject=subject,
                                filename=filename))
        return out

    def count(self):
        # polled every few ms while Ferry is timed: read only what the sink appended since the last call
        if not self.sink_log.exists():
            return 0
        counted = self._counted
        with open(self.sink_log, "rb") as f:
            f.seek(counted[0])
            tail = f.read()
        end = tail.rfind(b"\n") + 1
        self._counted = (counted[0] + end, counted[1] + tail.count(b"\n", 0, end))
        return self._counted[1]


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_port(port, proc, name):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("%s exited at start (code %s)" % (name, proc.returncode))
        if port_open(port):
            return
        time.sleep(0.05)
    raise SystemExit("%s did not listen on 127.0.0.1:%d" % (name, port))


def verify_mails(servers, records, manifest, expect_subject_prefix, label, eml=False, prefix="att/"):
    """Each attachment of the data set (the files under `prefix`) arrived exactly once, byte-identical (decoded
    from the saved message); prebuilt messages also arrived as sent (sha256 of the whole message)."""
    expected = {k[len(prefix):]: v for k, v in manifest["files"].items() if k.startswith(prefix)}
    seen = {}
    for r in records:
        path = servers.maildir / ("%07d.eml" % r["seq"])
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if expect_subject_prefix and not (msg["Subject"] or "").startswith(expect_subject_prefix):
            raise CaseFailed("%s: unexpected subject %r" % (label, msg["Subject"]))
        parts = [p for p in msg.iter_attachments()]
        if len(parts) != 1:
            raise CaseFailed("%s: message %d has %d attachments" % (label, r["seq"], len(parts)))
        name = parts[0].get_filename()
        body = parts[0].get_content()
        if name in seen:
            raise CaseFailed("%s: %s mailed twice" % (label, name))
        if hashlib.sha256(body).hexdigest() != expected.get(name):
            raise CaseFailed("%s: attachment %s differs from the data set" % (label, name))
        if eml:
            src = "eml/m%s.eml" % name[1:5]
            if r["sha"] != manifest["files"][src]:
                raise CaseFailed("%s: message for %s differs from %s" % (label, name, src))
        seen[name] = r
    if len(seen) != len(expected):
        raise CaseFailed("%s: %d of %d attachments arrived" % (label, len(seen), len(expected)))
    for r in records:
        os.unlink(servers.maildir / ("%07d.eml" % r["seq"]))  # keep tmp space flat over the run


# ---------------------------------------------------------------------------------------------- peers

def run_timed(cmd, env=None, cwd=None, logfile=None, timeout=900):
    """Wall time of the whole command (process start to exit) and its peak RSS (wait4's ru_maxrss)."""
    out = open(logfile, "ab") if logfile else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    peak = 0.0
    try:
        while True:
            pid, status, _ = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                raise CaseFailed("%s timed out" % cmd[0])
            # sampled VmHWM, not wait4's ru_maxrss: that one starts from this Python's RSS at fork, so every
            # client would look at least as big as the harness
            peak = max(peak, vm_hwm_mib(p.pid) or 0.0)
            time.sleep(0.002)
    except BaseException:
        # timed out, or the harness is being stopped: the peer must not outlive it
        p.kill()
        os.waitpid(p.pid, 0)
        raise
    t = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise CaseFailed("%s exited with %d (log %s)" % (" ".join(map(str, cmd[:3])), p.returncode, logfile))
    return t, peak


def vm_hwm_mib(pid):
    """Peak resident set of a live process (VmHWM in /proc/<pid>/status), MiB."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError):
        pass
    return None


class Ctx:
    def __init__(self, args, p, run, data, manifest, servers):
        self.args, self.p, self.run, self.data, self.manifest, self.servers = args, p, run, data, manifest, servers
        self.home = servers.home
        self.dl = run / "dl"
        self.dl.mkdir(exist_ok=True)
        self.logs = run / "logs"
        self.logs.mkdir(exist_ok=True)
        self.netrc = run / "netrc"
        self.netrc.write_text("machine 127.0.0.1 login %s password %s\n" % (FTP_USER, servers.password))
        self.netrc.chmod(0o600)
        self.lftp_open = "open -u %s,%s -p %d 127.0.0.1" % (FTP_USER, servers.password, FTP_PORT)
        self.py_env = dict(os.environ, FERRY_BENCH_FTP="%s:%s@127.0.0.1:%d" % (FTP_USER, servers.password, FTP_PORT))
        self.big = data / "big.bin"
        self.big_bytes = p["big_mb"] << 20

    def lftp(self, name, commands):
        # the script goes to a 0600 file so the password is not on the command line
        script = self.run / ("lftp-%s.lftp" % name)
        script.write_text("set cmd:fail-exit yes; set ftp:ssl-allow no; set xfer:clobber on; "
                          "set net:max-retries 1; %s; %s\n" % (self.lftp_open, commands))
        script.chmod(0o600)
        return ["lftp", "-f", str(script)]

    def up(self, sub):
        """A fresh upload folder on the server, owned by the FTP user."""
        d = self.home / "up" / sub
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir()
        shutil.chown(d, FTP_USER, FTP_USER)
        return d


def peer_cases(c):
    """(work, peer, unit, amount, setup, command, verify): setup and verify run outside the timing."""
    n, nm = c.p["nsmall"], c.p["nmail"]
    last = n - 1
    cases = []

    def big_put(peer, cmd_fn):
        target = c.home / "up" / ("big_%s.bin" % peer.split()[0])

        def setup():
            if target.exists():
                target.unlink()
            warm([c.big])
        cases.append(("big_stor", peer, "MB/s", c.big_bytes, setup, lambda: cmd_fn("up/" + target.name),
                      lambda: (verify_big(target, c.manifest, peer), target.unlink())))

    big_put("curl -T", lambda r: ["curl", "-sS", "--netrc-file", str(c.netrc), "-T", str(c.big),
                                   "ftp://127.0.0.1:%d/%s" % (FTP_PORT, r)])
    big_put("lftp put", lambda r: c.lftp("put", "put %s -o %s" % (c.big, r)))
    big_put("ftplib storbinary", lambda r: ["/usr/bin/python3", str(BENCH / "peer_ftp.py"), "put", str(c.big), r])

    def big_get(peer, cmd_fn):
        target = c.dl / ("big_%s.bin" % peer.split()[0])

        def setup():
            if target.exists():
                target.unlink()
            warm([c.home / "src" / "big.bin"])
        cases.append(("big_retr", peer, "MB/s", c.big_bytes, setup, lambda: cmd_fn(target),
                      lambda: (verify_big(target, c.manifest, peer), target.unlink())))

    big_get("curl -o", lambda t: ["curl", "-sS", "--netrc-file", str(c.netrc), "-o", str(t),
                                   "ftp://127.0.0.1:%d/src/big.bin" % FTP_PORT])
    big_get("lftp get", lambda t: c.lftp("get", "get src/big.bin -o %s" % t))
    big_get("ftplib retrbinary", lambda t: ["/usr/bin/python3", str(BENCH / "peer_ftp.py"), "get", "src/big.bin",
                                            str(t)])

    small_src = c.data / "small"

    def small_put(peer, sub, cmd_fn):
        def setup():
            c.up(sub)
            warm(sorted(small_src.iterdir()))
        cases.append(("small_stor", peer, "files/s", n, setup, lambda: cmd_fn(sub),
                      lambda: verify_dir(c.home / "up" / sub, c.manifest, "small/", n, peer)))

    # one curl process, one control connection, an upload glob over the numbered names
    small_put("curl -T glob", "small_curl", lambda s: [
        "curl", "-sS", "--netrc-file", str(c.netrc), "-T", "%s/s[0000-%04d].bin" % (small_src, last),
        "ftp://127.0.0.1:%d/up/%s/" % (FTP_PORT, s)])
    small_put("lftp mirror -R --parallel=4", "small_lftp",
              lambda s: c.lftp("mirror", "mirror -R --parallel=4 %s up/%s" % (small_src, s)))
    small_put("ftplib 1 connection", "small_py",
              lambda s: ["/usr/bin/python3", str(BENCH / "peer_ftp.py"), "put-many", str(small_src), "up/" + s])

    def small_get(peer, sub, cmd_fn):
        target = c.dl / sub

        def setup():
            shutil.rmtree(target, ignore_errors=True)
            warm(sorted((c.home / "src" / "small").iterdir()))
        cases.append(("small_retr", peer, "files/s", n, setup, lambda: cmd_fn(target),
                      lambda: (verify_dir(target, c.manifest, "small/", n, peer), shutil.rmtree(target))))

    small_get("curl glob", "small_curl", lambda t: [
        "curl", "-sS", "--netrc-file", str(c.netrc), "--create-dirs", "-o", "%s/s#1.bin" % t,
        "ftp://127.0.0.1:%d/src/small/s[0000-%04d].bin" % (FTP_PORT, last)])
    small_get("lftp mirror --parallel=4", "small_lftp",
              lambda t: c.lftp("mirror-get", "mirror --parallel=4 src/small %s" % t))
    small_get("ftplib 1 connection", "small_py",
              lambda t: ["/usr/bin/python3", str(BENCH / "peer_ftp.py"), "get-many", "src/small", str(t)])

    def mail(peer, mode, folder):
        state = {}

        def setup():
            state["base"] = c.servers.count()
            warm(sorted(folder.iterdir()))

        def verify():
            wait_count(c.servers, state["base"] + nm, 30, peer)
            recs = c.servers.records()[state["base"]:]
            if len(recs) != nm:
                raise CaseFailed("%s: sink counted %d messages, expected %d" % (peer, len(recs), nm))
            verify_mails(c.servers, recs, c.manifest, "bench: ", peer, eml=(mode == "prebuilt"))
        cases.append(("mail", peer, "msgs/s", nm, setup,
                      lambda: ["/usr/bin/python3", str(BENCH / "peer_smtp.py"), mode, str(SMTP_PORT), str(folder)],
                      verify))

    mail("smtplib prebuilt .eml", "prebuilt", c.data / "eml")
    mail("smtplib MIME per message", "build", c.data / "att")

    nc = c.p["nchain"]
    chain_state = {}

    def chain_setup():
        c.up("chain")
        chain_state["base"] = c.servers.count()
        warm(sorted((c.data / "chain").iterdir()))

    def chain_verify():
        wait_count(c.servers, chain_state["base"] + nc, 30, "ftplib+smtplib script")
        recs = c.servers.records()[chain_state["base"]:]
        if len(recs) != nc:
            raise CaseFailed("ftplib+smtplib script: sink counted %d messages, expected %d" % (len(recs), nc))
        verify_mails(c.servers, recs, c.manifest, "bench: ", "ftplib+smtplib script", prefix="chain/")
        verify_dir(c.home / "up" / "chain" / ".done", c.manifest, "chain/", nc, "ftplib+smtplib script")
    cases.append(("chain", "ftplib+smtplib script, 1 connection each", "files/s", nc, chain_setup,
                  lambda: ["/usr/bin/python3", str(BENCH / "peer_chain.py"), str(c.data / "chain"), "up/chain",
                           str(SMTP_PORT)], chain_verify))
    return [x for x in cases if selected(c, x[0])]


def selected(c, *names):
    """--cases: only the named works (peer and Ferry) and Ferry case keys run."""
    return not c.args.cases or any(n in c.args.cases for n in names)


def wait_count(servers, target, timeout, label):
    deadline = time.monotonic() + timeout
    while servers.count() < target:
        if time.monotonic() > deadline:
            raise CaseFailed("%s: sink has %d messages, expected %d" % (label, servers.count(), target))
        time.sleep(0.01)


def run_peers(c, results):
    for work, peer, unit, amount, setup, cmd, verify in peer_cases(c):
        times, rss = [], 0.0
        tools = {"curl": "curl", "lftp": "lftp"}
        tool = tools.get(peer.split()[0])
        if tool and not shutil.which(tool):
            results.append(dict(kind="peer", work=work, name=peer, unit=unit, status="n/a (%s not installed)" % tool))
            continue
        try:
            # full: one untimed warm-up for the big files (the VM hands idle memory back to the host, so the first
            # write into it is slow; see issue #6's method notes)
            rounds = c.p["runs"] + (1 if work.startswith("big") and c.p["runs"] > 1 else 0)
            for i in range(rounds):
                setup()
                settle()
                t, r = run_timed(cmd(), env=c.py_env, cwd=str(c.run), logfile=c.logs / ("peer-%s.log" % work))
                verify()
                if rounds > c.p["runs"] and i == 0:
                    continue
                times.append(t)
                rss = max(rss, r)
            t = statistics.median(times)
            res = dict(kind="peer", work=work, name=peer, unit=unit, amount=amount, seconds=t, runs=times,
                       rate=rate(unit, amount, t), rss=rss, status="verified")
            log("peer %-10s %-28s %8.1f %s (runs %s)" % (work, peer, res["rate"], unit,
                                                         " / ".join("%.2fs" % x for x in times)))
        except CaseFailed as e:
            res = dict(kind="peer", work=work, name=peer, unit=unit, status="FAILED: %s" % e)
            log("peer %s %s FAILED: %s" % (work, peer, e))
        results.append(res)


def rate(unit, amount, seconds):
    return amount / MB / seconds if unit == "MB/s" else amount / seconds


# ---------------------------------------------------------------------------------------------- Ferry

class Ferry:
    """One Ferry JVM for one case run: fresh data folder and ledger, only the route files the case uses (so
    no other workflow competes for the CPU or takes the files), launched from the repo root."""

    launches = 0

    def __init__(self, c, case, route_files, props=None):
        Ferry.launches += 1
        self.c = c
        self.base = c.run / ("ferry-%s-%d" % (case, Ferry.launches))
        self.data = self.base / "ferry-data"
        self.routes = self.base / "routes"
        self.stage = self.base / "stage"
        for d in (self.data / "outbox", self.data / "mailout", self.routes, self.stage):
            d.mkdir(parents=True)
        for f in route_files:
            src = REPO / "routes" / f
            shutil.copyfile(src if src.exists() else BENCH / "routes" / f, self.routes / f)
        self.log_path = self.base / "ferry.log"
        self.props = {
            "ferry.embedded": "false", "ftp.host": "127.0.0.1", "ftp.port": FTP_PORT, "ftp.username": FTP_USER,
            "smtp.host": "127.0.0.1", "smtp.port": SMTP_PORT, "ferry.data": self.data, "ferry.routes": self.routes,
            "camel.management.port": 0, "ferry.instance-id": "bench-%d" % Ferry.launches}
        self.props.update(props or {})
        # --set overrides from the command line come last: they are what the run is about
        self.props.update(dict(kv.split("=", 1) for kv in c.args.set))
        self.proc = None
        self.startup = None
        # set by a case whose CPU figure starts later than the case (after an untimed warm-up)
        self.cpu_mark = None

    def start(self):
        cmd = ["java"] + shlex.split(self.c.args.jvm)
        cmd += ["-D%s=%s" % kv for kv in self.props.items()]
        cmd += ["-jar", str(REPO / "target" / "ferry.jar")]
        # the FTP password goes in the environment (FTP_PASSWORD), not on the command line
        env = dict(os.environ, FTP_PASSWORD=self.c.servers.password, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        out = open(self.log_path, "wb")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=str(REPO), env=env, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        while True:
            if b"Ferry is running" in self.log_path.read_bytes():
                self.startup = time.perf_counter() - t0
                return self
            if self.proc.poll() is not None:
                raise CaseFailed("Ferry exited at start (code %d), log %s:\n%s"
                                 % (self.proc.returncode, self.log_path, tail(self.log_path)))
            if time.monotonic() > deadline:
                raise CaseFailed("Ferry did not log 'Ferry is running' within 90 s, log %s" % self.log_path)
            time.sleep(0.02)

    def alive(self):
        """Fails the case at once when Ferry died or declared a file failed (waiting out the time limit would
        only hide the reason)."""
        if self.proc.poll() is not None:
            # 143/137: the JVM got SIGTERM/SIGKILL, and not from this harness (it only stops Ferry after a case)
            why = {143: ", SIGTERM from outside the harness", 137: ", SIGKILL from outside the harness",
                   3: ", OutOfMemoryError"}.get(self.proc.returncode, "")
            raise CaseFailed("Ferry died (code %d%s), log %s:\n%s" % (self.proc.returncode, why, self.log_path,
                                                                      tail(self.log_path)))
        failed = self.data / "failed"
        if failed.is_dir():
            reports = sorted(failed.glob("*.error"))
            if reports:
                raise CaseFailed("Ferry refused %d file(s); first report %s:\n%s"
                                 % (len(reports), reports[0], reports[0].read_text(errors="replace")))

    def peak_rss_mib(self):
        return vm_hwm_mib(self.proc.pid)

    def cpu_seconds(self):
        """CPU time the JVM has used so far, user + system (/proc/<pid>/stat), seconds."""
        fields = open("/proc/%d/stat" % self.proc.pid).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def cpu_split(self):
        fields = open("/proc/%d/stat" % self.proc.pid).read().rsplit(")", 1)[1].split()
        return "user %.2f s, system %.2f s since start" % (int(fields[11]) / os.sysconf("SC_CLK_TCK"),
                                                          int(fields[12]) / os.sysconf("SC_CLK_TCK"))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(45)  # camel.main.shutdown-timeout is 30 s
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def tail(path, n=15):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def poll_until(cond, ferry, timeout, label, interval=0.01):
    deadline = time.monotonic() + timeout
    while not cond():
        ferry.alive()
        if time.monotonic() > deadline:
            raise CaseFailed("%s: not done after %.0f s (Ferry log %s)" % (label, timeout, ferry.log_path))
        time.sleep(interval)
    return time.perf_counter()


def complete_files(folder, n, size):
    """True once `folder` holds n visible files of `size` bytes (the workflows rename into place when done)."""
    try:
        entries = [e for e in os.scandir(folder) if not e.name.startswith(".") and e.is_file()]
    except FileNotFoundError:
        return False
    return len(entries) >= n and all(e.stat().st_size == size for e in entries)


def big_done(path, size):
    try:
        return path.stat().st_size == size
    except FileNotFoundError:
        return False


def collect_built():
    """collect.camel.yaml in routes/ and a collect template in the jar."""
    if not (REPO / "routes" / "collect.camel.yaml").exists():
        return False
    with zipfile.ZipFile(REPO / "target" / "ferry.jar") as z:
        return any(re.match(r"ferry/routes/Collect\w*\.class", n) for n in z.namelist())


def ferry_cases(c):
    """(key, work, unit, amount, routes, props, run_fn); run_fn(ferry) stages, drops, waits, verifies and
    returns the seconds from the drop to the verified-complete result."""
    n, nm, big_bytes = c.p["nsmall"], c.p["nmail"], c.big_bytes
    # generous limits (5 MB/s, 4 files/s): a slow Ferry is a figure, only a stuck one is a failure
    budget_big = max(120, big_bytes / 5e6)
    budget_many = max(120, max(n, nm) / 4)

    def publish_big(f):
        target = c.home / "incoming" / "big.bin"
        staged = f.stage / "big.bin"
        link_or_copy(c.big, staged)
        warm([staged])
        settle()
        t0 = time.perf_counter()
        os.rename(staged, f.data / "outbox" / "big.bin")
        t1 = poll_until(lambda: big_done(target, big_bytes), f, budget_big, "publish big")
        verify_big(target, c.manifest, "Ferry publish big")
        target.unlink()
        return t1 - t0

    def collect_big(f):
        outgoing = c.home / "outgoing"
        staged = outgoing / ".big.bin"
        link_or_copy(c.big, staged)
        warm([staged])
        settle()
        target = f.data / "inbox" / "big.bin"
        t0 = time.perf_counter()
        os.rename(staged, outgoing / "big.bin")
        t1 = poll_until(lambda: big_done(target, big_bytes), f, budget_big, "collect big")
        verify_big(target, c.manifest, "Ferry collect big")
        # as the peers do after each run: a 1 GiB file left in the page cache per run would make the next run's
        # writes wait for writeback (runs 2 and 3 took twice as long as run 1 while the targets piled up)
        target.unlink()
        clear_remote(outgoing)
        return t1 - t0

    def publish_small(f):
        names = sorted(os.listdir(c.data / "small"))
        for name in names:
            link_or_copy(c.data / "small" / name, f.stage / name)
        warm([f.stage / x for x in names])
        settle()
        incoming = c.home / "incoming"
        outbox = f.data / "outbox"
        t0 = time.perf_counter()
        for name in names:
            os.rename(f.stage / name, outbox / name)
        t1 = poll_until(lambda: complete_files(incoming, n, 4096), f, budget_many, "publish small", 0.02)
        verify_dir(incoming, c.manifest, "small/", n, "Ferry publish small")
        clear_remote(incoming)
        return t1 - t0

    def warm_up(f, data_set, through):
        """A first, untimed batch of a data set's files under other names (warm-...) dropped into Ferry's outbox,
        until through() says Ferry is done with them; the CPU per file counted afterwards is the timed batch's."""
        names = sorted(os.listdir(c.data / data_set))
        for name in names:
            shutil.copyfile(c.data / data_set / name, f.stage / ("warm-" + name))
        for name in names:
            os.rename(f.stage / ("warm-" + name), f.data / "outbox" / ("warm-" + name))
        through()
        clear_remote(c.home / "incoming")
        f.cpu_mark = f.cpu_seconds()

    def publish_small_warm(f):
        """publish_small after a first, untimed batch of the same files in the same JVM (its CPU per file is a
        running daemon's, without the fresh JVM's class loading and compiling)."""
        warm_up(f, "small", lambda: poll_until(lambda: complete_files(c.home / "incoming", n, 4096), f, budget_many,
                                               "publish small warm-up batch", 0.02))
        return publish_small(f)

    def collect_small(f):
        outgoing = c.home / "outgoing"
        stage = outgoing / ".stage"
        stage.mkdir()
        names = sorted(os.listdir(c.data / "small"))
        for name in names:
            link_or_copy(c.data / "small" / name, stage / name)
        warm([stage / x for x in names])
        settle()
        inbox = f.data / "inbox"
        t0 = time.perf_counter()
        for name in names:
            os.rename(stage / name, outgoing / name)
        t1 = poll_until(lambda: complete_files(inbox, n, 4096), f, budget_many, "collect small", 0.02)
        verify_dir(inbox, c.manifest, "small/", n, "Ferry collect small")
        clear_remote(outgoing)
        return t1 - t0

    def mail_files(drop_dir, stage, subject, label):
        def run(f):
            names = sorted(os.listdir(c.data / "att"))
            stage.mkdir(exist_ok=True)
            for name in names:
                link_or_copy(c.data / "att" / name, stage / name)
            warm([stage / x for x in names])
            settle()
            base = c.servers.count()
            t0 = time.perf_counter()
            for name in names:
                os.rename(stage / name, drop_dir(f) / name)
            t1 = poll_until(lambda: c.servers.count() >= base + nm, f, budget_many, label, 0.01)
            recs = c.servers.records()[base:]
            if len(recs) != nm:
                raise CaseFailed("%s: sink counted %d, expected %d" % (label, len(recs), nm))
            verify_mails(c.servers, recs, c.manifest, subject, label)
            return t1 - t0
        return run

    def remote_stage(f):
        return c.home / "incoming" / ".stage"

    def ftp_to_mail(f):
        try:
            return mail_files(lambda f: c.home / "incoming", remote_stage(f), "Ferry: ", "Ferry ftp-to-mail")(f)
        finally:
            clear_remote(c.home / "incoming")

    def chain(f):
        """publish + ftp-to-mail as shipped: files dropped into the outbox until each was mailed (verified) and
        moved to .done/ on the server."""
        nc = c.p["nchain"]
        names = sorted(os.listdir(c.data / "chain"))
        for name in names:
            link_or_copy(c.data / "chain" / name, f.stage / name)
        warm([f.stage / x for x in names])
        settle()
        base = c.servers.count()
        outbox = f.data / "outbox"
        done = c.home / "incoming" / ".done"
        t0 = time.perf_counter()
        for name in names:
            os.rename(f.stage / name, outbox / name)
        poll_until(lambda: c.servers.count() >= base + nc, f, budget_many, "Ferry drop -> FTP -> mail", 0.01)
        # the chain ends when the last file is moved on the server (the mail is sent before the move)
        t1 = poll_until(lambda: complete_count(done) >= nc, f, 30, "Ferry drop -> FTP -> mail (.done)", 0.01)
        recs = c.servers.records()[base:]
        if len(recs) != nc:
            raise CaseFailed("Ferry drop -> FTP -> mail: sink counted %d, expected %d" % (len(recs), nc))
        verify_mails(c.servers, recs, c.manifest, "Ferry: ", "Ferry drop -> FTP -> mail", prefix="chain/")
        verify_dir(done, c.manifest, "chain/", nc, "Ferry drop -> FTP -> mail")
        return t1 - t0

    def chain_run(f):
        try:
            return chain(f)
        finally:
            clear_remote(c.home / "incoming")

    def chain_warm_run(f):
        """The chain again after a first, untimed batch of the same files under other names in the same JVM: what
        a running daemon does once its code is loaded and compiled (the chain row includes that warm-up)."""
        nc = c.p["nchain"]
        try:
            base = c.servers.count()
            warm_up(f, "chain", lambda: (
                poll_until(lambda: c.servers.count() >= base + nc, f, budget_many, "Ferry warm-up batch (mail)", 0.01),
                poll_until(lambda: complete_count(c.home / "incoming" / ".done") >= nc, f, 30,
                           "Ferry warm-up batch (.done)", 0.01)))
            return chain(f)
        finally:
            clear_remote(c.home / "incoming")

    cases = [
        ("publish_big", "big_stor", "MB/s", big_bytes, ["publish.camel.yaml"], {}, publish_big),
        ("collect_big", "big_retr", "MB/s", big_bytes, ["collect.camel.yaml"], {"collect.enabled": "true"},
         collect_big),
        ("publish_small", "small_stor", "files/s", n, ["publish.camel.yaml"], {}, publish_small),
        ("publish_small_warm", "small_stor_warm", "files/s", n, ["publish.camel.yaml"], {}, publish_small_warm),
        ("collect_small", "small_retr", "files/s", n, ["collect.camel.yaml"], {"collect.enabled": "true"},
         collect_small),
        ("bench_mail", "mail", "msgs/s", nm, ["bench-mail.camel.yaml"], {},
         lambda f: mail_files(lambda f: f.data / "mailout", f.stage, "bench: ", "Ferry bench-mail")(f)),
        ("ftp_to_mail", "mail_ftp", "msgs/s", nm, ["ftp-to-mail.camel.yaml"], {}, ftp_to_mail),
        ("chain", "chain", "files/s", c.p["nchain"], ["publish.camel.yaml", "ftp-to-mail.camel.yaml"], {}, chain_run),
        ("chain_warm", "chain_warm", "files/s", c.p["nchain"], ["publish.camel.yaml", "ftp-to-mail.camel.yaml"], {},
         chain_warm_run),
    ]
    return [x for x in cases if selected(c, x[0], x[1])]


def complete_count(folder):
    try:
        return sum(1 for e in os.scandir(folder) if not e.name.startswith("."))
    except FileNotFoundError:
        return 0


def clear_remote(folder):
    # what the case left on the server's disk (files, .done/, stage): the next case starts from an empty folder
    for e in os.scandir(folder):
        if e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path)
        else:
            os.unlink(e.path)


def run_ferry(c, results, startups):
    have_collect = collect_built()
    for key, work, unit, amount, routes, props, fn in ferry_cases(c):
        if "collect.camel.yaml" in routes and not have_collect:
            results.append(dict(kind="ferry", key=key, work=work, unit=unit, status="n/a (not built)"))
            log("Ferry %s: n/a (collect not built in this jar)" % key)
            continue
        times, rss, cpus = [], 0.0, []
        try:
            for i in range(c.p["runs"]):
                f = Ferry(c, key, routes, props)
                try:
                    f.start()
                    startups.append(f.startup)
                    # the CPU of the whole case (staging and verifying included, while Ferry only idles)
                    cpu0 = f.cpu_seconds()
                    times.append(fn(f))
                    cpus.append(f.cpu_seconds() - (f.cpu_mark if f.cpu_mark is not None else cpu0))
                    log("Ferry %s run %d: CPU %.2f s (%s)" % (key, i + 1, cpus[-1], f.cpu_split()))
                    rss = max(rss, f.peak_rss_mib() or 0)
                finally:
                    f.stop()
            t = statistics.median(times)
            res = dict(kind="ferry", key=key, work=work, unit=unit, amount=amount, seconds=t, runs=times,
                       rate=rate(unit, amount, t), rss=rss, status="verified",
                       cpu_ms=statistics.median(cpus) * 1000 / (amount / MB if unit == "MB/s" else amount))
            log("Ferry %-14s %8.1f %s (runs %s, peak RSS %.0f MiB, CPU %.2f ms per %s)" % (
                key, res["rate"], unit, " / ".join("%.2fs" % x for x in times), rss, res["cpu_ms"] or 0,
                unit.split("/")[0].rstrip("s")))
        except CaseFailed as e:
            res = dict(kind="ferry", key=key, work=work, unit=unit, status="FAILED: %s" % e)
            log("Ferry %s FAILED: %s" % (key, e))
        results.append(res)
    if selected(c, "latency"):
        results.append(latency_case(c, startups))


def latency_case(c, startups):
    """publish -> ftp-to-mail as shipped: one file every LAT_SPACING s; latency = drop -> the sink's accept."""
    nlat = c.p["nlat"]
    f = Ferry(c, "latency", ["publish.camel.yaml", "ftp-to-mail.camel.yaml"])
    try:
        f.start()
        startups.append(f.startup)
        rng = random.Random(SEED + 1)
        payload = {}
        for i in range(nlat):
            name = "lat-%03d.bin" % i
            payload[name] = rng.randbytes(1024)
            (f.stage / name).write_bytes(payload[name])
        settle()
        base = c.servers.count()
        drops = {}
        for name in sorted(payload):
            drops[name] = time.monotonic()
            os.rename(f.stage / name, f.data / "outbox" / name)
            time.sleep(LAT_SPACING)
        poll_until(lambda: c.servers.count() >= base + nlat, f, 60, "latency")
        recs = c.servers.records()[base:]
        lat = []
        for r in recs:
            if r["filename"] not in drops:
                raise CaseFailed("latency: unexpected mail for %r" % r["filename"])
            body = email.message_from_bytes((c.servers.maildir / ("%07d.eml" % r["seq"])).read_bytes(),
                                            policy=email.policy.default)
            att = next(body.iter_attachments()).get_content()
            if att != payload[r["filename"]]:
                raise CaseFailed("latency: %s arrived changed" % r["filename"])
            lat.append(r["t"] - drops[r["filename"]])
        if sorted(r["filename"] for r in recs) != sorted(drops):
            raise CaseFailed("latency: mails for %d of %d files" % (len(set(r["filename"] for r in recs)), nlat))
        lat.sort()
        res = dict(kind="ferry", key="latency", work="latency", unit="s", amount=nlat, status="verified",
                   p50=percentile(lat, 50), p99=percentile(lat, 99), max=lat[-1], rss=f.peak_rss_mib() or 0)
        log("Ferry latency p50 %.3f s, p99 %.3f s, max %.3f s over %d files" % (res["p50"], res["p99"], lat[-1], nlat))
        return res
    except CaseFailed as e:
        log("Ferry latency FAILED: %s" % e)
        return dict(kind="ferry", key="latency", work="latency", unit="s", status="FAILED: %s" % e)
    finally:
        f.stop()
        clear_remote(c.home / "incoming")


def percentile(sorted_values, pct):
    # nearest rank: with 50 samples p99 is the largest, which is the honest reading of so few samples
    k = max(0, min(len(sorted_values) - 1, int(-(-pct * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


# ---------------------------------------------------------------------------------------------- report

# the targets are those of issue #15 (the core chain at full speed), bench-mail's that of the issue that added it
WORKS = [
    # work key, label, target ratio (Ferry/best peer) or None
    ("big_stor", "{big} STOR (publish)", 1.0),
    ("big_retr", "{big} RETR to a file (collect)", 1.0),
    ("small_stor", "{n} x 4 KiB upload (publish)", 1.0),
    ("small_stor_warm", "the same {n} files after a first batch of {n} in the same JVM (a running daemon)", None),
    ("small_retr", "{n} x 4 KiB download (collect)", 1.0),
    ("mail", "{m} mails, 8 KiB attachment built in the route (bench-mail)", None),
    ("mail_ftp", "{m} mails via ftp-to-mail (files put on FTP /incoming)", None),
    ("chain", "{c} files of 4-64 KiB, drop -> FTP -> mail -> .done (publish + ftp-to-mail)", 2.0),
    ("chain_warm", "the same {c} files after a first batch of {c} in the same JVM (a running daemon)", None),
]


def cmd_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not installed"


def dpkg_version(pkg):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return out.stdout.strip() or "?"


def machine_facts():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) / 1024 / 1024
    return dict(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        nproc=os.cpu_count(), cpu=cpu, memory="%.0f GiB" % mem, kernel=platform.release(),
        vsftpd=dpkg_version("vsftpd"), curl=cmd_version(["curl", "--version"]).split(" (")[0],
        lftp=dpkg_version("lftp"), python=platform.python_version(), aiosmtpd=dpkg_version("python3-aiosmtpd"),
        java=cmd_version(["java", "-version"]), ferry=ferry_revision())


def ferry_revision():
    """The commit the jar was built from, as far as the checkout tells (jar newer than HEAD: built from it)."""
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %cd", "--date=short"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return "%s%s" % (rev or "?", " + uncommitted changes" if dirty else "")
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def cell(text):
    """A failure's first line, fit for a Markdown table cell (the full text is in results.json and the log)."""
    line = text.splitlines()[0] if text else ""
    return (line[:240] + " ...").replace("|", "/") if len(line) > 240 else line.replace("|", "/")


def fmt_rate(v, unit):
    if v is None:
        return "-"
    return ("%.0f %s" % (v, unit)) if v >= 100 else ("%.1f %s" % (v, unit))


def report(mode, p, results, startups, facts):
    big = "%d MiB" % p["big_mb"] if p["big_mb"] < 1024 else "%d GiB" % (p["big_mb"] >> 10)
    labels = {k: l.format(big=big, n=p["nsmall"], m=p["nmail"], c=p.get("nchain", 0)) for k, l, _ in WORKS}
    peers = [r for r in results if r["kind"] == "peer"]
    ferry = {r["key"]: r for r in results if r["kind"] == "ferry"}
    by_work = {r["work"]: r for r in ferry.values()}
    lines = ["# Ferry vs. peer tools (`bench/run %s`)" % mode, "",
             "%s; %s runs per case (median), %d CPUs (%s), %s RAM, kernel %s." % (
                 facts["date"], p["runs"], facts["nproc"], facts["cpu"], facts["memory"], facts["kernel"]),
             "Peers are timed as whole commands (process start included). **Ferry's work rows exclude the JVM "
             "start**: Ferry runs as a daemon and is timed from the drop (atomic rename into the watched folder) "
             "until the result is verified from outside (this includes its polling, `ferry.poll-delay` as "
             "shipped, and the outbox's `ferry.outbox.stable-time` wait); its startup is a row of its own. "
             "Rates: MB/s = 10^6 bytes/s.", "",
             "| work | best peer | peer figure | Ferry figure | Ferry/peer | Ferry peak RSS | target | met? |",
             "|---|---|---|---|---|---|---|---|"]
    plot_rows = []
    all_met = True
    for key, _, target in WORKS:
        fr = by_work.get(key)
        peer_work = {"mail_ftp": "mail", "chain_warm": "chain", "small_stor_warm": "small_stor"}.get(key, key)
        ok_peers = [x for x in peers if x["work"] == peer_work and x["status"] == "verified"]
        best = max(ok_peers, key=lambda x: x["rate"]) if ok_peers else None
        build = next((x for x in ok_peers if "MIME" in x["name"]), None)
        prebuilt = next((x for x in ok_peers if "prebuilt" in x["name"]), None)
        if fr is None or fr["status"] != "verified":
            status = fr["status"] if fr else "n/a"
            fig, ratio, rss, met = status if status.startswith("n/a") else "**FAILED**", "-", "-", "-"
        else:
            fig = fmt_rate(fr["rate"], fr["unit"])
            ratio = "%.2fx" % (fr["rate"] / best["rate"]) if best else "-"
            rss = "%.0f MiB" % fr["rss"]
        if key in ("mail", "mail_ftp"):
            if key == "mail" and fr and fr["status"] == "verified" and build and prebuilt:
                ok = fr["rate"] >= 2 * build["rate"] and fr["rate"] >= prebuilt["rate"]
                met = "yes" if ok else "no (%.2fx MIME-building smtplib, %.2fx prebuilt)" % (
                    fr["rate"] / build["rate"], fr["rate"] / prebuilt["rate"])
            elif key == "mail":
                met = "-"
            tgt = ">= 2x smtplib MIME per message and >= smtplib prebuilt" if key == "mail" else ">= 1.0x smtplib prebuilt"
            if key == "mail_ftp":
                met = "-"
                if fr and fr["status"] == "verified" and prebuilt:
                    met = "yes" if fr["rate"] >= prebuilt["rate"] else "no"
        elif target is None:
            tgt, met = "(information)", "-"
        else:
            tgt = ">= %.1fx best peer" % target + (" (not resolved below 1.5x)" if key == "chain" else "")
            if fr and fr["status"] == "verified" and best:
                met = "yes" if fr["rate"] >= target * best["rate"] else "no"
            elif fr and fr["status"] == "verified":
                met = "-"  # no peer figure (--only ferry)
        all_met = all_met and met in ("yes", "-")
        peer_fig = fmt_rate(best["rate"], best["unit"]) if best else "-"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            labels[key], best["name"] if best else "-", peer_fig, fig, ratio, rss, tgt, met))
        if key == "mail":
            goal = max(2 * build["rate"], prebuilt["rate"]) if build and prebuilt else None
        elif key == "mail_ftp":
            goal = prebuilt["rate"] if prebuilt else None
        else:
            goal = target * best["rate"] if best and target else None
        plot_rows.append((labels[key], best["unit"] if best else (fr or {}).get("unit"),
                          best["rate"] if best else None, fr["rate"] if fr and fr["status"] == "verified" else None,
                          best["name"] if best else "", goal))
    big_peers = [x for x in peers if x["work"] in ("big_stor", "big_retr") and x["status"] == "verified"]
    big_ferry = [r for r in ferry.values() if r["work"] in ("big_stor", "big_retr") and r["status"] == "verified"]
    if big_peers:
        lean = min(big_peers, key=lambda x: x["rss"])
        lines.append("| client memory for %s (peak RSS) | %s | %.1f MiB | %s | %s | - | heap capped at -Xmx64m "
                     "(information) | - |" % (big, lean["name"], lean["rss"],
                                              "%.0f MiB" % max(r["rss"] for r in big_ferry) if big_ferry else "-",
                                              "%.1fx" % (max(r["rss"] for r in big_ferry) / lean["rss"])
                                              if big_ferry and lean["rss"] else "-"))
    lat = ferry.get("latency")
    if lat and lat["status"] == "verified":
        lines.append("| latency outbox -> mail accepted (publish -> ftp-to-mail, %d files %.1f s apart) | - | - | "
                     "p50 %.2f s, p99 %.2f s | - | %.0f MiB | p99 <= 1 s | %s |" % (
                         lat["amount"], LAT_SPACING, lat["p50"], lat["p99"], lat["rss"],
                         "yes" if lat["p99"] <= 1 else "no"))
    elif lat:
        lines.append("| latency outbox -> mail accepted | - | - | **FAILED** | - | - | p99 <= 1 s | - |")
    if lat and lat["status"] == "verified":
        plot_rows += [("latency p50", "s", None, lat["p50"], "", None), ("latency p99", "s", None, lat["p99"], "", 1.0)]
    measured = [r for r in ferry.values() if r["status"] == "verified" and r.get("rss")]
    if measured:
        worst = max(measured, key=lambda r: r["rss"])
        lines.append("| peak RSS at -Xmx64m, highest of Ferry's cases (%s) | - | - | %.0f MiB | - | - | < 160 MiB | %s |" % (
            worst["key"], worst["rss"], "yes" if worst["rss"] < 160 else "no"))
    stor, stor_warm = by_work.get("small_stor"), by_work.get("small_stor_warm")
    if stor and stor["status"] == "verified" and stor.get("cpu_ms") is not None:
        warm_cpu = ("; %.2f ms in the warmed JVM" % stor_warm["cpu_ms"]
                    if stor_warm and stor_warm["status"] == "verified" and stor_warm.get("cpu_ms") is not None else "")
        lines.append("| CPU per published file (publish_small: fresh JVM, its warm-up included%s) | - | - | %.2f ms | - | - | "
                     "<= 0.5 ms | %s |" % (warm_cpu, stor["cpu_ms"], "yes" if stor["cpu_ms"] <= 0.5 else "no"))
    if startups:
        plot_rows.append(("startup", "s", None, statistics.median(startups), "", 3.0))
    if startups:
        s = statistics.median(startups)
        lines.append("| startup: `java -jar` to \"Ferry is running\" (median of %d launches, max %.2f s) | - | - | "
                     "%.2f s | - | - | <= 3 s | %s |" % (len(startups), max(startups), s, "yes" if s <= 3 else "no"))
    lines += ["", "## All peer runs", "",
              "| work | peer | figure (median) | runs (s) | peak RSS | verified |", "|---|---|---|---|---|---|"]
    # the work without the Ferry workflow that does it
    peer_labels = {k: v.split(" (")[0].replace(" built in the route", "") for k, v in labels.items()}
    for r in peers:
        if r["status"] == "verified":
            lines.append("| %s | %s | %s | %s | %.1f MiB | yes |" % (
                peer_labels[r["work"]], r["name"], fmt_rate(r["rate"], r["unit"]),
                " / ".join("%.2f" % x for x in r["runs"]), r["rss"]))
        else:
            lines.append("| %s | %s | - | - | - | %s |" % (peer_labels[r["work"]], r["name"], cell(r["status"])))
    lines += ["", "## Ferry runs", "",
              "CPU: the Ferry JVM's user + system time (`/proc/<pid>/stat`) over the case, per file, mail or MB "
              "(median of the runs); the servers' and the harness's CPU are not in it.", "",
              "| case | figure (median) | runs (s) | peak RSS (VmHWM) | CPU per item | verified |",
              "|---|---|---|---|---|---|"]
    for r in ferry.values():
        if r["status"] == "verified" and r["key"] != "latency":
            cpu = "%.2f ms" % r["cpu_ms"] if r.get("cpu_ms") is not None else "-"
            lines.append("| %s | %s | %s | %.0f MiB | %s | yes |" % (r["key"], fmt_rate(r["rate"], r["unit"]),
                                                                    " / ".join("%.2f" % x for x in r["runs"]), r["rss"],
                                                                    cpu))
        elif r["key"] != "latency":
            lines.append("| %s | - | - | - | - | %s |" % (r["key"], cell(r["status"])))
    lines += ["", "## Machine", ""]
    lines += ["- %s: %s" % (k, v) for k, v in facts.items()]
    lines += ["- data set: seed %d, big.bin %d MiB, %d x 4 KiB, %d x 8 KiB attachments, %d x 4-64 KiB chain files; servers vsftpd on "
              "127.0.0.1:%d (passive %d-%d, use_sendfile default), aiosmtpd sink with a block DATA reader on "
              "127.0.0.1:%d, all on the same CPUs as the clients" % (SEED, p["big_mb"], p["nsmall"], p["nmail"],
                                                                    p.get("nchain", 0), FTP_PORT, PASV_MIN, PASV_MAX, SMTP_PORT),
              "- Ferry: a fresh JVM, data folder and ledger per case run, with only the route files the case uses"]
    return "\n".join(lines) + "\n", plot_rows


def plot(plot_rows, facts, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    # one panel per unit, so MB/s, files/s, msgs/s and seconds each get a readable scale
    units = ["MB/s", "files/s", "msgs/s", "s"]
    fig, axes = plt.subplots(1, len(units), figsize=(18, 5.5), gridspec_kw=dict(width_ratios=[2, 2, 2, 1.6]))
    for ax, unit in zip(axes, units):
        rows = [r for r in plot_rows if r[1] == unit]
        x = list(range(len(rows)))
        peer = [r[2] or 0 for r in rows]
        fer = [r[3] or 0 for r in rows]
        if unit != "s":
            b1 = ax.bar([i - 0.2 for i in x], peer, 0.4, label="best peer", color="#8899aa")
            for b, v in zip(b1, peer):
                ax.annotate("%.0f" % v if v else "n/a", (b.get_x() + b.get_width() / 2, b.get_height()),
                            ha="center", va="bottom", fontsize=8)
        b2 = ax.bar([i + (0.2 if unit != "s" else 0) for i in x], fer, 0.4, label="Ferry", color="#d2691e")
        for b, v, pv in zip(b2, fer, peer):
            text = "n/a" if not v else ("%.2f" % v if unit == "s" else "%.0f" % v)
            if v and pv:
                text += "\n%.2fx" % (v / pv)
            ax.annotate(text, (b.get_x() + b.get_width() / 2, b.get_height()), ha="center", va="bottom", fontsize=8)
        for i, r in enumerate(rows):
            if r[5]:
                ax.hlines(r[5], i - 0.45, i + 0.45, colors="black", linestyles="dashed", linewidth=1,
                          label="target" if i == 0 or not any(q[5] for q in rows[:i]) else None)
        ax.set_xticks(x)
        ax.set_xticklabels(["%s\n(%s)" % (r[0].split(" (")[0], r[4]) if r[4] else r[0] for r in rows], fontsize=7)
        ax.set_ylabel(unit)
        ax.margins(y=0.15)  # room for the value labels above the bars
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False)
    fig.suptitle("Ferry vs. best peer, %s - %d CPUs %s, %s RAM, kernel %s\n(Ferry: JVM start excluded; peers: "
                 "whole command)" % (facts["date"], facts["nproc"], facts["cpu"], facts["memory"], facts["kernel"]),
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


# ---------------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", nargs="?", default="full", choices=sorted(MODES))
    ap.add_argument("--run-dir", help="work folder (default: a new folder under $TMPDIR)")
    ap.add_argument("--data-dir", help="data set cache (default /var/tmp/ferry-bench-data/<mode>)")
    ap.add_argument("--only", choices=["peers", "ferry"], help="run only one side (debugging)")
    ap.add_argument("--keep", action="store_true", help="keep the run folder's bulk data")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra Ferry setting for every case (-DKEY=VALUE), e.g. ferry.max-files-per-poll=100; named in the table")
    ap.add_argument("--jvm", default=DEFAULT_JVM, metavar="FLAGS",
                    help="JVM flags for Ferry (default: %(default)s), e.g. adding -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    ap.add_argument("--cases", type=lambda v: set(v.split(",")), default=set(), metavar="A,B",
                    help="only these works or Ferry cases (e.g. chain,mail_ftp,latency); default: all")
    ap.add_argument("--report", metavar="RUN_DIR", help="only write the table (and plot) again from RUN_DIR/results.json")
    args = ap.parse_args()
    if args.report:
        d = json.loads((Path(args.report) / "results.json").read_text())
        return write_report(d["mode"], d["params"], d["results"], d["startups"], d["facts"], Path(args.report))
    p = dict(MODES[args.mode])
    if os.geteuid() != 0:
        raise SystemExit("bench/run needs root (it creates the throwaway FTP user and runs vsftpd)")
    t_start = time.monotonic()
    run = Path(args.run_dir) if args.run_dir else Path(tempfile.mkdtemp(prefix="ferry-bench-"))
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)  # vsftpd's session runs as the FTP user and must reach its local_root below here
    data = Path(args.data_dir or "/var/tmp/ferry-bench-data/%s" % args.mode)
    data.parent.mkdir(parents=True, exist_ok=True)
    manifest = make_dataset(data, p)
    servers = Servers(run)

    def on_signal(signum, frame):
        raise SystemExit("interrupted by signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    results, startups = [], []
    try:
        servers.start()
        c = Ctx(args, p, run, data, manifest, servers)
        # download sources on the server's disk: links to the data set, readable by the FTP user
        link_or_copy(data / "big.bin", servers.home / "src" / "big.bin")
        shutil.copytree(data / "small", servers.home / "src" / "small", copy_function=link_or_copy)
        if args.only != "ferry":
            run_peers(c, results)
        if args.only != "peers":
            run_ferry(c, results, startups)
    finally:
        servers.stop()
        if not args.keep:
            for bulk in ("ftp", "dl", "mail"):
                shutil.rmtree(run / bulk, ignore_errors=True)
            for d in run.glob("ferry-*"):
                for bulk in ("stage", "ferry-data"):
                    shutil.rmtree(d / bulk, ignore_errors=True)
    facts = machine_facts()
    facts["Ferry settings beyond the shipped ones"] = ", ".join(args.set) or "none"
    facts["Ferry JVM"] = "`java %s -jar target/ferry.jar`" % args.jvm
    (run / "results.json").write_text(json.dumps(dict(mode=args.mode, params=p, facts=facts, results=results,
                                                      startups=startups), indent=1, default=str))
    rc = write_report(args.mode, p, results, startups, facts, run)
    log("%.0f s in all" % (time.monotonic() - t_start))
    return rc


def write_report(mode, p, results, startups, facts, run):
    """Table to bench/results/latest.md (full) or <run>/smoke.md, plot for full; exit code 1 if a case failed."""
    text, plot_rows = report(mode, p, results, startups, facts)
    if mode == "full":
        out = BENCH / "results" / "latest.md"
        out.parent.mkdir(exist_ok=True)
        out.write_text(text)
        try:
            plot(plot_rows, facts, BENCH / "results" / "latest.png")
        except ImportError:
            log("matplotlib missing: no plot (apt-get install python3-matplotlib)")
    else:
        out = run / "smoke.md"
        out.write_text(text)
    print(text)
    failed = [r for r in results if r["status"].startswith("FAILED")]
    for r in results:
        print("CASE %s %s: %s" % (r["kind"], r.get("key") or r.get("name"), r["status"].split(":")[0]))
    log("%d cases verified, %d n/a, %d failed; table in %s; run folder %s" % (
        sum(r["status"] == "verified" for r in results), sum(r["status"].startswith("n/a") for r in results),
        len(failed), out, run))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
