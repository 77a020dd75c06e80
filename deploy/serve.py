"""`./lab serve --replicas N`: N Streamlit replicas on loopback, nginx in front on the public port.

    python -m deploy.serve --replicas 2 [--port 8501] [--address 0.0.0.0] [--replica-base 8600]

Replica i (1..N) listens on 127.0.0.1:(replica_base + i). All replicas run from this checkout, so
they read one models folder (models/, see visualizer/views/authorship/files.py) and share one JAX
compilation cache (LAB_JAX_CACHE, default .jax_cache/; see visualizer/app/warmup.py): a program
one replica compiled, the others load. nginx pins each browser to one replica by a cookie it
sets itself (deploy/nginx.conf.template) and runs as the current user from a run folder that
holds its config, pid, logs and temporary files, and the replicas' logs. Ctrl-C or SIGTERM
stops nginx and every replica.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
MAX_REPLICAS = 8  # each replica is one Python process of about 0.6-0.7 GiB (docs/DEPLOY.md)
START_TIMEOUT_S = 180.0  # a cold replica imports JAX and Streamlit; on a busy 2-core machine ~30 s
STOP_TIMEOUT_S = 10.0


def upload_cap_mb() -> int:
    """Streamlit's per-file upload cap in MB (server.maxUploadSize in .streamlit/config.toml)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config.get("server", {}).get("maxUploadSize", 200))  # 200: Streamlit's default


def render_config(replica_ports: list[int], listen: str, run_dir: Path) -> str:
    """The nginx config for these loopback replica ports, listening on `listen` ("host:port")."""
    # max_fails=0: one failed request (an upload the replica refuses before reading it, so the
    # connection resets) must not mark a live replica down, or for fail_timeout every sticky
    # session on it would be hashed to a replica that does not hold it. A replica that is really
    # down still fails over per request (proxy_next_upstream).
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in replica_ports)
    # nginx started by root would hand its workers to `nobody`, who cannot write the run folder.
    user = f"user {_user_name()};" if os.geteuid() == 0 else ""
    fields = {"USER": user, "RUN": str(run_dir.resolve()), "SERVERS": servers}
    # Streamlit takes a streamed request body up to the cap plus 1 MB of multipart framing
    # (_MAX_UPLOAD_MULTIPART_OVERHEAD_BYTES in its upload route; a Content-Length over the
    # cap it refuses unread): nginx allows the larger, so it never refuses what Streamlit takes.
    fields |= {"LISTEN": listen, "BODY_MB": str(upload_cap_mb() + 1)}
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in fields.items():
        text = text.replace(f"@{name}@", value)
    return text


def _user_name() -> str:
    import pwd  # POSIX only, and nginx runs on POSIX only

    return pwd.getpwuid(os.geteuid()).pw_name


def nginx_binary() -> str:
    """nginx on PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:
        raise SystemExit("nginx is not installed (./lab serve installs Debian's nginx with apt-get).")
    return found


def nginx_command(conf: Path, run_dir: Path) -> list[str]:
    """nginx in the foreground on `conf`; -e so even its start-up errors land in the run folder."""
    prefix, log = str(run_dir.resolve()) + "/", str(run_dir.resolve() / "error.log")
    return [nginx_binary(), "-e", log, "-p", prefix, "-c", str(conf.resolve()), "-g", "daemon off;"]


def replica_command(port: int) -> list[str]:
    """One Streamlit replica on loopback only: students reach it through nginx."""
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"]
    command += ["--server.address=127.0.0.1", f"--server.port={port}", "--server.headless=true"]
    return [*command, "--server.fileWatcherType=none"]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./lab serve", description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, required=True, help=f"1..{MAX_REPLICAS}")
    parser.add_argument("--port", type=int, default=8501, help="nginx's public port (default 8501)")
    parser.add_argument("--address", default="0.0.0.0", help="nginx's address (default all)")
    parser.add_argument("--replica-base", type=int, default=8600, help="replica i on base+i")
    parser.add_argument("--run-dir", type=Path, help="config, pid and logs (default: a new temp folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= MAX_REPLICAS:
        parser.error(f"--replicas must be between 1 and {MAX_REPLICAS}, got {args.replicas}")
    if not 1 <= args.port <= 65535 or not 1024 <= args.replica_base <= 65535 - MAX_REPLICAS:
        parser.error("--port must be 1..65535 and --replica-base 1024..65527")
    return args


class Fleet:
    """The processes `./lab serve` started: nginx and the replicas, stopped together."""

    def __init__(self) -> None:
        self.procs: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], log: Path, env: dict[str, str]) -> None:
        with log.open("ab") as out:
            proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append((name, proc))

    def exited(self) -> str | None:
        """The name of a process that has exited, if any."""
        return next((name for name, proc in self.procs if proc.poll() is not None), None)

    def stop(self) -> None:
        """SIGTERM to all, nginx first (it is started last); SIGKILL whatever outlives the timeout."""
        # A second Ctrl-C or SIGTERM must not cut the shutdown short and orphan a replica.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for _, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for _, proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the wait in serve() the way Ctrl-C does."""
    raise KeyboardInterrupt


def prepare(args: argparse.Namespace) -> tuple[list[int], Path, list[str]]:
    """Check the ports, write and check nginx's config: (replica ports, run folder, nginx command)."""
    ports = [args.replica_base + i for i in range(1, args.replicas + 1)]
    taken = [port for port in ports if not port_is_free(port)]
    taken += [] if port_is_free(args.port, args.address) else [args.port]
    if taken:
        raise SystemExit(f"Port(s) already in use: {taken} (see --port and --replica-base).")
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="lab-serve-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(render_config(ports, f"{args.address}:{args.port}", run_dir), encoding="utf-8")
    command = nginx_command(conf, run_dir)
    # A bad config is reported now, before N replicas spend half a minute starting.
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True, timeout=30)
    if check.returncode != 0:
        raise SystemExit(f"nginx refused {conf}:\n{check.stderr}")
    return ports, run_dir, command


def serve(args: argparse.Namespace) -> int:
    """Start everything, wait until a process exits or a signal arrives, stop everything."""
    ports, run_dir, nginx = prepare(args)
    cache = os.environ.get("LAB_JAX_CACHE", str(ROOT / ".jax_cache"))
    env = {**os.environ, "LAB_JAX_CACHE": str(Path(cache).resolve())}  # one cache for every replica
    fleet = Fleet()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        for port in ports:
            fleet.start(f"replica {port}", replica_command(port), run_dir / f"replica-{port}.log", env)
        print(f"Starting {len(ports)} replicas on 127.0.0.1:{ports[0]}..{ports[-1]}; logs in {run_dir}")
        deadline = time.monotonic() + START_TIMEOUT_S
        while not all(healthy(f"http://127.0.0.1:{port}") for port in ports):
            if fleet.exited() or time.monotonic() > deadline:
                why = fleet.exited() or f"not healthy after {START_TIMEOUT_S:.0f} s"
                print(f"A replica did not start ({why}); see {run_dir}", file=sys.stderr)
                return 1
            time.sleep(0.5)
        fleet.start("nginx", nginx, run_dir / "nginx.out", env)
        host = "localhost" if args.address == "0.0.0.0" else args.address
        print(f"Serving on http://{host}:{args.port} through nginx; Ctrl-C stops.", flush=True)
        while (gone := fleet.exited()) is None:
            time.sleep(0.5)
        print(f"{gone} exited; stopping the rest. Logs in {run_dir}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopping nginx and the replicas...")
        return 0
    finally:
        fleet.stop()


def main(argv: list[str] | None = None) -> int:
    return serve(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
