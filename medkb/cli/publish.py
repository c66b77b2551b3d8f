"""Build the site into a hidden staging folder and put it in place only when the whole build passed.

`make site` runs this. What it guarantees:

- The build is `mkdocs build --strict`: the project checks (citations, claims, front matter, unsafe
  HTML, links) and MkDocs' own validation run inside it. Any failure leaves site/ exactly as it
  was, and says so after the build's own messages.
- The new site replaces the old one in a single rename (an atomic exchange where Linux offers it):
  readers and web servers see the old site or the new one, never a mix.
- Ctrl-C (SIGINT), SIGTERM and SIGHUP stop the build, remove the staging folder and leave site/ as
  it was. `kill -9` cannot be caught: it leaves a hidden `.site-build-*` folder (never a half-written
  site/), and the next run removes it; the MkDocs process is told to die with us.
- Two builds of one commit are byte-identical: SOURCE_DATE_EPOCH (the sitemap's dates, the gzip
  header, the build's "today") is the commit's date when the sources are committed as they are.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from medkb.engine import engine

STAGING_PREFIX = ".site-build-"
RETIRED_PREFIX = ".site-old-"
CAUGHT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
CHILD_GRACE_SECONDS = 10.0
SOURCE_PARTS = ("docs", "bib", "overrides", "hooks", "medkb", "mkdocs.yml", "requirements.txt")
"""What the site is built from: a change here makes the working tree differ from the commit."""

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1


class Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def publish(site_dir: Path, config_file: Path, extra_args: list[str]) -> int:
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(config_file.absolute().parent)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    with _signals_raise(), _publish_lock(site_dir.parent):
        recover(site_dir)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=site_dir.parent))
        staging.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would hide the published site from the web server
        try:
            command = [
                sys.executable,
                "-m",
                engine(),  # mkdocs, or ProperDocs (make MKDOCS=properdocs)
                "build",
                "--strict",
                "--clean",
                "--config-file",
                str(config_file),
                "--site-dir",
                str(staging),
                *extra_args,
            ]
            returncode = _run_build(command, env)
            if returncode != 0:
                print(
                    f"Build failed (see the messages above): {site_dir.name}/ was left as it was.",
                    file=sys.stderr,
                )
                return returncode
            with _signals_held():  # Ctrl-C between the fallback's two renames would leave no site/
                swap_into_place(staging, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"Site built into {site_dir.name}/")
    return 0


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Make `staging` the site: one atomic exchange where possible, else two renames with a way back.

    After an exchange the old site sits at the staging path (the caller removes it). In the fallback,
    a crash between the two renames leaves the old site as `.site-old-*`, which `recover` puts back.
    """
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        return
    retired = site_dir.with_name(f"{RETIRED_PREFIX}{os.getpid()}")
    site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except OSError:
        retired.rename(site_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo what an earlier run killed with -9 left: restore a retired site if site/ is gone, drop staging."""
    retired = sorted(site_dir.parent.glob(f"{RETIRED_PREFIX}*"), key=lambda path: path.stat().st_mtime)
    if not site_dir.exists() and retired:
        retired.pop().rename(site_dir)
    for leftover in [*retired, *site_dir.parent.glob(f"{STAGING_PREFIX}*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def source_date_epoch(project: Path) -> str | None:
    """The last commit's time (seconds) when the sources are committed as they are, else None (the clock).

    Outside git, or with uncommitted changes to the sources, there is no commit that the output
    could reproduce; MkDocs then uses the current time (its dates are days, so rebuilds the same
    day still match).
    """
    try:
        last_commit = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False
        )
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--", *SOURCE_PARTS],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    epoch = last_commit.stdout.strip()
    if (
        last_commit.returncode != 0
        or changes.returncode != 0
        or not epoch.isdigit()
        or changes.stdout.strip()
    ):
        return None
    return epoch


def _run_build(command: list[str], env: dict[str, str]) -> int:
    """Run MkDocs; if we are interrupted, stop it (it writes only into the staging folder) and re-raise."""
    process = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)  # noqa: PLW1509 (no threads here)
    try:
        return process.wait()
    except BaseException:
        _stop(process)
        raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=CHILD_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _die_with_parent() -> None:
    """In the MkDocs child: receive SIGKILL when this process dies, even by kill -9 (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or file system without exchange
        return False
    raise OSError(error, os.strerror(error), str(second))


@contextmanager
def _publish_lock(folder: Path) -> Iterator[None]:
    """One publisher per folder at a time (the lock goes with the process, even on kill -9)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Waiting for another build that is publishing into this folder...", file=sys.stderr)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back until the block is done (they are delivered right after)."""
    held = {signal.SIGINT, *CAUGHT_SIGNALS}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted (as SIGINT raises KeyboardInterrupt), so cleanup runs."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, handler) for signum in CAUGHT_SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args, extra = parser.parse_known_args(argv)
    try:
        return publish(args.site_dir, args.config_file, extra)
    except KeyboardInterrupt:
        print(f"Build interrupted (SIGINT): {args.site_dir.name}/ was left as it was.", file=sys.stderr)
        return 128 + signal.SIGINT
    except Interrupted as interruption:
        print(
            f"Build interrupted ({interruption}): {args.site_dir.name}/ was left as it was.", file=sys.stderr
        )
        return 128 + interruption.signum
    except OSError as error:
        print(
            f"Could not publish the site ({error}); {args.site_dir.name}/ was left as it was.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
