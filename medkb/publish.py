"""Build the site into a temporary folder and put it in place only when the build succeeds.

A failed or interrupted build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def publish(site_dir: Path, config_file: Path, extra_args: list[str]) -> int:
    site_dir = site_dir.resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                   "--config-file", str(config_file), "--site-dir", str(staging), *extra_args]
        result = subprocess.run(command, check=False)
        if result.returncode != 0:
            print(f"Build failed: {site_dir.name}/ was left as it was.", file=sys.stderr)
            return result.returncode
        swap_into_place(staging, site_dir)
        print(f"Site built into {site_dir.name}/")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Two renames on one file system: readers see the old site or the new one, never a mix."""
    retired = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(retired)
    try:
        staging.rename(site_dir)
    except OSError:
        if retired.exists():
            retired.rename(site_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    args, extra = parser.parse_known_args(argv)
    try:
        return publish(args.site_dir, args.config_file, extra)
    except KeyboardInterrupt:
        print("Build interrupted: the previous site was left as it was.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
