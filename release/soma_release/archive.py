"""Deterministic archives: the same files give the same bytes, whoever builds them and whenever.

Entries are sorted by name, every entry carries one fixed mtime (SOURCE_DATE_EPOCH),
owner and group are 0 with empty names, modes are 0755 (directories and executables)
or 0644, and the gzip header carries mtime 0 and no file name.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import stat
import subprocess
import tarfile
from collections.abc import Iterable
from pathlib import Path

from soma_release.errors import BuildError

#: 1980-01-01, the earliest time a zip entry can carry; the fallback when nothing else gives a date.
ZIP_EPOCH = 315532800


def source_date_epoch(repo_root: Path | None = None) -> int:
    """SOURCE_DATE_EPOCH from the environment, else the commit time of HEAD in `repo_root`.

    Raises:
        BuildError: SOURCE_DATE_EPOCH is not an integer, or there is neither it nor a git commit.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        try:
            epoch = int(value)
        except ValueError as exc:
            raise BuildError(f"SOURCE_DATE_EPOCH={value!r} is not an integer") from exc
        if epoch < 0:
            raise BuildError(f"SOURCE_DATE_EPOCH={value!r} is negative")
        return max(epoch, ZIP_EPOCH)
    git = shutil.which("git")
    if repo_root is not None and git is not None:
        done = subprocess.run(
            [git, "-C", str(repo_root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False
        )
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return max(int(done.stdout.strip()), ZIP_EPOCH)
    raise BuildError("no SOURCE_DATE_EPOCH and no git commit to take the time from: set SOURCE_DATE_EPOCH")


def _mode(path: Path) -> int:
    if path.is_dir() or path.stat().st_mode & stat.S_IXUSR:
        return 0o755
    return 0o644


def _members(root: Path) -> list[Path]:
    """Every file and directory under `root`, sorted by their relative POSIX path."""
    found: list[Path] = []
    for path in root.rglob("*"):
        if path.is_symlink():
            raise BuildError(f"{path}: symbolic links are not packaged; copy the file instead")
        if not (path.is_file() or path.is_dir()):
            raise BuildError(f"{path}: only regular files and directories are packaged")
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def write_tar_gz(target: Path, root: Path, prefix: str, mtime: int) -> None:
    """Pack the tree under `root` into `target` as `prefix/...`, deterministically."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_info(f"{prefix}/", tarfile.DIRTYPE, 0o755, 0, mtime))
        for path in _members(root):
            name = f"{prefix}/{path.relative_to(root).as_posix()}"
            if path.is_dir():
                tar.addfile(_info(name + "/", tarfile.DIRTYPE, 0o755, 0, mtime))
            else:
                with path.open("rb") as stream:
                    tar.addfile(_info(name, tarfile.REGTYPE, _mode(path), path.stat().st_size, mtime), stream)
    _write_gzip(target, buffer.getvalue())


def _info(name: str, kind: bytes, mode: int, size: int, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name.rstrip("/") if kind == tarfile.DIRTYPE else name)
    info.type = kind
    info.mode = mode
    info.size = size
    info.mtime = mtime
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _write_gzip(target: Path, data: bytes) -> None:
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)


def normalize_tar_gz(path: Path, mtime: int) -> None:
    """Rewrite a tar.gz made by another tool (an sdist) with sorted entries and fixed metadata."""
    with tarfile.open(path, mode="r:gz") as source:
        members = sorted(source.getmembers(), key=lambda m: m.name)
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for member in members:
                if not (member.isfile() or member.isdir()):
                    raise BuildError(f"{path}: entry {member.name} is neither a file nor a directory")
                executable = member.isdir() or bool(member.mode & stat.S_IXUSR)
                info = _info(member.name, member.type, 0o755 if executable else 0o644, member.size, mtime)
                info.pax_headers = {}
                tar.addfile(info, source.extractfile(member) if member.isfile() else None)
    _write_gzip(path, buffer.getvalue())


def extract_tar_gz(archive: Path, dest: Path, *, strip_top: bool = True) -> None:
    """Unpack a release tar.gz into `dest` with the `data` filter (no absolute paths, links out, devices).

    With `strip_top`, the archive must hold one top directory, whose content lands in `dest`.
    """
    with tarfile.open(archive, mode="r:gz") as tar:
        members = tar.getmembers()
        tops = {m.name.split("/", 1)[0] for m in members}
        if strip_top:
            if len(tops) != 1:
                raise BuildError(f"{archive.name}: expected one top directory, found {sorted(tops)}")
            top = tops.pop()
            chosen = []
            for member in members:
                if member.name == top:
                    continue
                member.name = member.name.split("/", 1)[1]
                chosen.append(member)
            members = chosen
        dest.mkdir(parents=True, exist_ok=True)
        try:
            tar.extractall(dest, members=members, filter="data")
        except tarfile.FilterError as exc:
            raise BuildError(f"{archive.name}: unsafe entry refused ({exc})") from exc


def copy_tree(source: Path, dest: Path, *, exclude: Iterable[str] = ()) -> None:
    """Copy a source tree, skipping build leftovers, with normalized modes (0644 / 0755)."""
    ignored = {"__pycache__", "build", "dist", ".pytest_cache", ".mypy_cache", *exclude}

    def ignore(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if n in ignored or n.endswith(".egg-info") or n.endswith(".pyc")}

    shutil.copytree(source, dest, ignore=ignore, dirs_exist_ok=True)
    for path in [dest, *dest.rglob("*")]:
        path.chmod(_mode(path))


def touch_tree(root: Path, mtime: int) -> None:
    """Set one mtime on a tree (what tools that read file times, such as dpkg-deb, then record)."""
    for path in [*root.rglob("*"), root]:
        os.utime(path, (mtime, mtime), follow_symlinks=False)
