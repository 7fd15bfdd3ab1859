"""Publishing a built folder (site/, docs/) in one atomic step, and the build lock.

The new folder is staged beside the live one (same parent, so the same filesystem: a rename
between them can never fail with EXDEV), then the two are exchanged with one
`renameat2(RENAME_EXCHANGE)`: at every instant the live path holds either the whole previous
folder or the whole new one. The previous folder is deleted only after the exchange, from
its staging name. Where the kernel or the filesystem lacks RENAME_EXCHANGE, the fallback is
two renames (live -> `.NAME.old-PID`, staged -> live) and `recover()` at the start of the
next build puts the previous folder back when a crash fell between them.

Staging names: `.NAME.staging-PID` and `.NAME.old-PID` in the live folder's parent. A build
removes those of processes that no longer run (killed builds), under the lock.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from gazette.errors import BuildError

LOCK_FILE = "build.lock"

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}
_STAGING = re.compile(r"^\.(?P<name>.+)\.(?P<kind>staging|old|link)-(?P<pid>\d+)$")
_LEGACY = re.compile(r"^(docs|site)-(?P<pid>\d+)$")  # staging folders of builds before this module

# Called after each step of publish() with the step's name: tests inject a crash there.
after_step: Callable[[str], None] = lambda step: None  # noqa: E731


def staging_path(live: Path, pid: int | None = None) -> Path:
    return live.with_name(f".{live.name}.staging-{pid or os.getpid()}")


def _old_path(live: Path, pid: int | None = None) -> Path:
    return live.with_name(f".{live.name}.old-{pid or os.getpid()}")


def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap the two paths atomically; False where this system or filesystem cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(staged: Path, live: Path) -> None:
    """Put `staged` (a sibling of `live`) at `live`; the previous folder is removed afterwards."""
    if staged.parent.resolve() != live.parent.resolve():
        raise BuildError(f"内部错误：暂存文件夹 {staged} 不在 {live.parent} 中", staged)
    if live.is_symlink():  # a site published as a link: replace the link, never the folder behind it
        target = live.resolve()
        link = live.with_name(f".{live.name}.link-{os.getpid()}")
        link.unlink(missing_ok=True)
        link.symlink_to(staged.name)
        os.replace(link, live)
        after_step("link")
        if target.parent == live.parent.resolve() and _STAGING.match(target.name):
            shutil.rmtree(target, ignore_errors=True)
        return
    if not live.exists():
        os.rename(staged, live)
        after_step("rename")
        return
    if exchange(staged, live):
        after_step("exchange")
        shutil.rmtree(staged, ignore_errors=True)  # now the previous folder
        after_step("remove")
        return
    old = _old_path(live)
    os.rename(live, old)
    after_step("fallback-old")
    os.rename(staged, live)
    after_step("fallback-new")
    shutil.rmtree(old, ignore_errors=True)
    after_step("remove")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def recover(live: Path) -> None:
    """A crash between the fallback's two renames left no `live`: put the previous folder back."""
    if live.exists() or live.is_symlink() or not live.parent.is_dir():
        return
    olds = sorted((p for p in live.parent.glob(f".{live.name}.old-*") if p.is_dir()),
                  key=lambda p: p.stat().st_mtime, reverse=True)
    for old in olds:
        match = _STAGING.match(old.name)
        if match and not _alive(int(match["pid"])):
            os.rename(old, live)
            return


def remove_stale(live: Path, work: Path | None = None) -> list[Path]:
    """Staging folders of builds that no longer run (beside `live`, and the old ones in `work`)."""
    removed: list[Path] = []
    keep = live.resolve() if live.is_symlink() else None
    candidates: list[tuple[Path, re.Match[str] | None]] = []
    if live.parent.is_dir():
        candidates += [(p, _STAGING.match(p.name)) for p in live.parent.glob(f".{live.name}.*-*")]
    if work is not None and work.is_dir():
        candidates += [(p, _LEGACY.match(p.name)) for p in work.iterdir()]
    for path, match in candidates:
        if match is None or path == keep or _alive(int(match["pid"])):
            continue
        if match.groupdict().get("name") not in (None, live.name):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


class BuildLock:
    """One build at a time per project (its cache folder): a second build stops with one line.

    filelock's FileLock (flock on Linux): the kernel releases it when the holder dies, so a
    killed build never leaves a lock behind."""

    def __init__(self, folder: Path):
        from filelock import FileLock

        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / LOCK_FILE
        self._lock = FileLock(self.path, timeout=0)

    def __enter__(self) -> BuildLock:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise BuildError("另一个构建正在进行（同一项目同时只能有一个构建）：请等它结束后再构建", self.path) from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
