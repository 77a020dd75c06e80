"""`./lab serve` (deploy/serve.py): the nginx config it writes, and two replicas behind nginx for real.

The config tests are quick and run with the rest. The end-to-end tests start two Streamlit replicas
and nginx on loopback (marked `browser`, so they run in the phase where nothing else runs) and check
through nginx: health, sticky sessions by nginx's own cookie across requests and WebSocket
reconnects, fresh clients spread over both replicas, the WebSocket upgrade, an upload in Chromium
(XSRF cookie and header through the proxy), and that SIGTERM stops nginx and every replica.
The replicas are told apart by the X-Lab-Replica header nginx adds (the upstream that answered).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.cookiejar
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy import serve

ROOT = Path(__file__).resolve().parents[1]
NGINX = serve.shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (./lab test installs it)")


def streamlit_upload_cap_mb() -> int:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return config["server"]["maxUploadSize"]


def location(conf: str, path: str) -> str:
    """The body of `location <path> { ... }` (the template's locations hold no nested blocks)."""
    return re.search(r"location " + re.escape(path) + r" \{(.*?)\}", conf, re.S).group(1)


def test_the_config_lists_each_replica_and_streamlits_upload_cap(tmp_path):
    conf = serve.render_config([8601, 8602], "127.0.0.1:8501", tmp_path)
    upstream = re.search(r"upstream lab_replicas \{(.*?)\}", conf, re.S).group(1)
    assert re.findall(r"server (\S+) max_fails=0;", upstream) == ["127.0.0.1:8601", "127.0.0.1:8602"]
    assert "hash $lab_sticky consistent;" in upstream
    # Streamlit's per-file cap plus the 1 MB of multipart framing its upload route allows.
    assert re.findall(r"client_max_body_size (\d+)m;", conf) == [str(streamlit_upload_cap_mb() + 1)]
    stream = location(conf, "/_stcore/stream")
    for line in ("proxy_set_header Upgrade $http_upgrade;", "proxy_buffering off;", "proxy_read_timeout 1d;"):
        assert line in stream
    for path in ("/_stcore/stream", "/"):
        assert "proxy_set_header Host $http_host;" in location(conf, path)  # Streamlit's origin check
    assert not re.findall(r"@[A-Z_]+@", conf)  # every field filled in
    assert str(tmp_path.resolve()) in conf.split("http {")[0]  # pid and error log in the run folder


@needs_nginx
def test_the_config_for_two_replicas_passes_nginx_t(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(serve.render_config([8601, 8602], "127.0.0.1:8501", tmp_path), encoding="utf-8")
    command = [*serve.nginx_command(conf, tmp_path)[:-2], "-t"]  # -t instead of -g 'daemon off;'
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


@pytest.mark.parametrize("replicas", ["0", "9", "-1"])
def test_a_replica_count_outside_1_to_8_is_refused_with_a_clear_message(replicas, capsys):
    with pytest.raises(SystemExit) as stop:
        serve.parse_args(["--replicas", replicas])
    assert stop.value.code == 2
    assert f"--replicas must be between 1 and 8, got {replicas}" in capsys.readouterr().err


def test_one_to_eight_replicas_are_accepted():
    assert [serve.parse_args(["--replicas", str(n)]).replicas for n in (1, 8)] == [1, 8]


def free_ports() -> tuple[int, int]:
    """A public port and a replica base whose next two ports are free."""
    while True:
        public, base = random.randrange(20000, 40000), random.randrange(40000, 60000)
        if all(serve.port_is_free(port) for port in (public, base + 1, base + 2)):
            return public, base


def record_start(start, started: list):
    """Fleet.start that also appends each (name, process) it starts to `started`."""

    def recording(fleet, name, command, log, env):
        start(fleet, name, command, log, env)
        started.append(fleet.procs[-1])

    return recording


@needs_nginx
def test_a_replica_that_cannot_start_stops_the_rest_and_serve_says_so(tmp_path, monkeypatch, capsys):
    dies = [sys.executable, "-c", "import sys; sys.exit(3)"]
    lives = [sys.executable, "-c", "import time; time.sleep(60)"]
    public, base = free_ports()
    monkeypatch.setattr(serve, "replica_command", lambda port: dies if port == base + 1 else lives)
    monkeypatch.setattr(serve.signal, "signal", lambda *_: None)  # leave pytest's own handlers alone
    started = []
    monkeypatch.setattr(serve.Fleet, "start", record_start(serve.Fleet.start, started))
    args = serve.parse_args(["--replicas", "2", "--port", str(public), "--replica-base", str(base)])
    args.address, args.run_dir = "127.0.0.1", tmp_path
    assert serve.serve(args) == 1
    assert f"replica {base + 1}" in capsys.readouterr().err
    assert [name for name, _ in started] == [f"replica {base + 1}", f"replica {base + 2}"]  # no nginx
    assert all(proc.poll() is not None for _, proc in started)  # the living one was stopped too


def test_stop_kills_a_process_that_ignores_sigterm(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "STOP_TIMEOUT_S", 1.0)
    monkeypatch.setattr(serve.signal, "signal", lambda *_: None)
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN)"
    stubborn += "; print('ready', flush=True); time.sleep(60)"
    fleet = serve.Fleet()
    fleet.start("stubborn", [sys.executable, "-c", stubborn], tmp_path / "log", dict(os.environ))
    deadline = time.monotonic() + 30
    while "ready" not in (tmp_path / "log").read_text() and time.monotonic() < deadline:
        time.sleep(0.1)  # SIGTERM before the handler is set would end it the ordinary way
    fleet.stop()
    assert fleet.procs[0][1].returncode == -signal.SIGKILL


# ---------------------------------------------------------------- two replicas behind nginx, for real


class Served:
    """`python -m deploy.serve --replicas 2` in its own process group (so nothing can outlive the test)."""

    def __init__(self, run_dir: Path) -> None:
        self.port, base = free_ports()
        self.run_dir, self.replicas = run_dir, {f"127.0.0.1:{base + 1}", f"127.0.0.1:{base + 2}"}
        command = [sys.executable, "-m", "deploy.serve", "--replicas", "2", "--port", str(self.port)]
        command += ["--address", "127.0.0.1", "--replica-base", str(base), "--run-dir", str(run_dir)]
        self.log = (run_dir.parent / "serve.out").open("wb")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return (self.run_dir.parent / "serve.out").read_text(errors="replace")

    def kill_all(self) -> None:
        """Last resort: every process of the group (the supervisor, its replicas, nginx)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if NGINX is None:
        pytest.skip("nginx is not installed (./lab test installs it)")
    run = Served(tmp_path_factory.mktemp("serve") / "run")
    deadline = time.monotonic() + serve.START_TIMEOUT_S + 30
    while not serve.healthy(run.base):
        if run.proc.poll() is not None or time.monotonic() > deadline:
            run.kill_all()
            pytest.fail(f"./lab serve did not come up:\n{run.output()}")
        time.sleep(0.5)
    yield run
    if run.proc.poll() is None:
        run.proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            run.proc.wait(timeout=30)
    run.kill_all()


class Client:
    """One browser's worth of HTTP: its own cookie jar."""

    def __init__(self, base: str) -> None:
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[str, list[str], bytes]:
        """(the replica that answered, the Set-Cookie headers, the body)."""
        with self.opener.open(self.base + path, timeout=30) as answer:
            return answer.headers["X-Lab-Replica"], answer.headers.get_all("Set-Cookie") or [], answer.read()

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def websocket_replica(self) -> str:
        """Open /_stcore/stream with this client's cookies; the replica that answered the 101."""
        websocket = pytest.importorskip("websocket", reason="websocket-client is not installed")
        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        ws = websocket.create_connection(
            url, cookie=self.cookie_header(), subprotocols=["streamlit"], timeout=30
        )
        try:
            assert ws.getstatus() == 101
            return ws.getheaders()["x-lab-replica"]
        finally:
            ws.close()


@pytest.mark.browser
def test_health_answers_ok_through_nginx(served):
    replica, _, body = Client(served.base).get("/_stcore/health")
    assert body == b"ok"
    assert replica in served.replicas


@pytest.mark.browser
def test_fresh_clients_reach_both_replicas_and_each_gets_the_cookie_once(served):
    seen = set()
    for _ in range(40):  # with a fair split, all 40 on one replica has probability 2 * 2**-40
        client = Client(served.base)
        replica, cookies, _ = client.get("/_stcore/health")
        assert [c for c in cookies if c.startswith("lab_replica=")], cookies
        _, again, _ = client.get("/_stcore/health")
        assert not [c for c in again if c.startswith("lab_replica=")]  # it has one now
        seen.add(replica)
    assert seen == served.replicas


@pytest.mark.browser
def test_a_client_stays_on_its_replica_across_requests_and_websocket_reconnects(served):
    pinned: dict[str, Client] = {}  # one client pinned to each replica, from fresh clients
    for _ in range(40):
        client = Client(served.base)
        pinned.setdefault(client.get("/")[0], client)
        if len(pinned) == 2:
            break
    assert set(pinned) == served.replicas
    for replica, client in pinned.items():
        # Unpinned, each of these 8 would land on a coin flip's replica.
        landed = [client.get(path)[0] for path in ("/", "/_stcore/health", "/_stcore/host-config") * 2]
        landed += [client.websocket_replica(), client.websocket_replica()]
        assert set(landed) == {replica}


@pytest.mark.browser
def test_the_websocket_upgrade_succeeds_through_nginx(served):
    websocket = pytest.importorskip("websocket", reason="websocket-client is not installed")
    url = served.base.replace("http://", "ws://") + "/_stcore/stream"
    ws = websocket.create_connection(url, subprotocols=["streamlit"], timeout=30)
    try:
        headers = ws.getheaders()
        assert ws.getstatus() == 101
        assert headers["upgrade"].lower() == "websocket" and headers["sec-websocket-protocol"] == "streamlit"
    finally:
        ws.close()


def multipart_file(size: int) -> tuple[bytes, str]:
    """One form field holding a file of `size` bytes, as Streamlit's uploader sends it: (body, type)."""
    boundary = "lab-test-boundary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
    head += "Content-Type: text/plain\r\n\r\n"
    body = head.encode() + b"x" * size + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def put_upload(session, body: bytes, content_type: str) -> tuple[int, str]:
    """PUT `body` to the session's upload route with its cookies and XSRF token: (status, replica or "")."""
    xsrf = next(c.value for c in session.jar if c.name == "_streamlit_xsrf")
    url = f"{session.base}/_stcore/upload_file/{session.session_id}/big-file"
    headers = {"Content-Type": content_type, "X-Xsrftoken": xsrf}
    request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(session.jar))
    try:
        with opener.open(request, timeout=120) as answer:
            return answer.status, answer.headers["X-Lab-Replica"] or ""
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers["X-Lab-Replica"] or ""


@pytest.mark.browser
def test_nginx_passes_an_upload_at_streamlits_cap_and_refuses_a_bigger_one(served):
    pytest.importorskip("websocket", reason="websocket-client is not installed")
    from benchmarks.streamlit_client import Session  # a real session: its id, cookies and XSRF token

    mib = 1024 * 1024
    cap = streamlit_upload_cap_mb() * mib
    session = Session(served.base)
    session.open("authorship")
    try:
        # Streamlit refuses a body whose Content-Length passes its cap before reading it (the
        # connection then resets), so the largest body it stores is the cap, framing included.
        body, content_type = multipart_file(cap - 1024)
        assert len(body) <= cap
        assert put_upload(session, body, content_type) == (204, session.replica)  # stored by the replica
        too_big = b"x" * (cap + mib + 1)
        assert put_upload(session, too_big, content_type) == (413, "")  # nginx's own refusal
    finally:
        session.close()


PROSE = b"It was the best of times, it was the worst of times, it was the age of wisdom. " * 8
OTHER = b"Call me Ishmael. Some years ago, never mind how long precisely, I went to sea. " * 8
CORPUS = [("alice__one.txt", PROSE), ("bob__two.txt", OTHER), ("unknown__three.txt", PROSE + OTHER)]


@pytest.mark.browser
def test_an_upload_works_through_nginx_in_chromium(served):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser suite's Chromium setup

    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (./lab test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    uploads = []  # (status, replica) of every upload request

    def upload_in_chromium() -> str:
        """Upload CORPUS on the authorship page; the replica the cookie pinned."""
        with sync_api.sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = chromium.new_page()
                page.on(
                    "response",
                    lambda r: (
                        "/_stcore/upload_file/" in r.url
                        and uploads.append((r.status, r.headers["x-lab-replica"]))
                    ),
                )
                page.goto(f"{served.base}/authorship")
                page.get_by_role("button", name="Train", exact=True).wait_for(timeout=120_000)
                files = [{"name": n, "mimeType": "text/plain", "buffer": data} for n, data in CORPUS]
                page.locator("input[type=file]").set_input_files(files)
                note = page.locator('[data-testid="stAlertContentInfo"]').filter(
                    has_text="Using the uploaded corpus"
                )
                note.first.wait_for(timeout=120_000)
                return next(c["value"] for c in page.context.cookies() if c["name"] == "lab_replica")
            finally:
                chromium.close()

    # Its own thread: the browser suite's session-wide Playwright (tests/browser/conftest.py) may
    # be running in this one, and Playwright's sync API allows one instance per thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        replica = pool.submit(upload_in_chromium).result()
    assert replica
    assert len(uploads) == len(CORPUS) and all(200 <= status < 300 for status, _ in uploads), uploads
    assert len({r for _, r in uploads}) == 1  # every file went to the replica holding the session


@pytest.mark.browser
def test_sigterm_stops_nginx_and_every_replica(served):
    """Runs last in this file: it stops the fleet the tests above used."""
    nginx_pid = int((served.run_dir / "nginx.pid").read_text())
    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(timeout=60) == 0, served.output()
    with pytest.raises(ProcessLookupError):
        os.killpg(served.proc.pid, 0)  # no process of the group is left: no replica, no nginx worker
    with pytest.raises(ProcessLookupError):
        os.kill(nginx_pid, 0)
    for address in (f"127.0.0.1:{served.port}", *served.replicas):
        host, port = address.split(":")
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((host, int(port)), timeout=5).close()
