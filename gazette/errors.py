"""Errors that reach the user as one line naming the file and line (never a traceback)."""

from __future__ import annotations

import errno
import os
from pathlib import Path


class GazetteError(Exception):
    """Base class: bad input or a failed build step, reported as `file:line: message`."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(GazetteError):
    """The bulletin (or a data file) cannot be read or is not a bulletin."""


class BuildError(GazetteError):
    """A build step failed; the previous site is left in place."""


class MachineError(GazetteError):
    """The machine refused (disk full, read-only, no permission, a file gone mid-build): not the input."""


# errno -> (what happened, what to do): the one mapping of machine errors to Chinese.
_MACHINE: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间已满", "请腾出磁盘空间（或用 --site 指向空间足够的文件夹）后重新构建"),
    errno.EDQUOT: ("超出磁盘配额", "请腾出空间或申请更大的配额后重新构建"),
    errno.EROFS: ("所在的文件系统是只读的", "请把项目放在可写的位置，或用 --site 指定可写的输出文件夹"),
    errno.EACCES: ("没有读写权限", "请检查该文件或文件夹的权限（ls -l）后重新构建"),
    errno.EPERM: ("操作不被允许", "请检查该文件或文件夹的权限和属性后重新构建"),
    errno.ENOENT: ("文件或文件夹不存在（构建过程中被删除或移走？）", "请确认它存在后重新构建"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "请检查该路径后重新构建"),
    errno.EISDIR: ("这里应是文件，却是文件夹", "请删除或改名该文件夹后重新构建"),
    errno.EMFILE: ("打开的文件过多", "请关闭其他程序或提高 ulimit -n 后重新构建"),
    errno.ENFILE: ("系统打开的文件过多", "请稍后重新构建"),
    errno.ENOMEM: ("内存不足", "请关闭其他程序后重新构建"),
    errno.EIO: ("读写出错（磁盘或网络文件系统故障？）", "请检查磁盘后重新构建"),
    errno.ENAMETOOLONG: ("路径过长", "请把项目放在路径较短的文件夹中"),
    errno.ELOOP: ("符号链接循环", "请检查该路径上的符号链接"),
    errno.EBUSY: ("文件或文件夹正被占用", "请关闭正在使用它的程序后重新构建"),
}


# Why a file named on the command line could not be read (a few causes read better than _MACHINE's).
_UNREADABLE: dict[int, str] = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是文件夹，不是文件"}


def read_failure(error: OSError) -> str:
    """The cause of a failed read, in Chinese (the system's own words only for causes not mapped)."""
    number = error.errno or 0
    return _UNREADABLE.get(number) or _MACHINE.get(number, (error.strerror or type(error).__name__, ""))[0]


def machine_error(error: OSError | MemoryError) -> MachineError:
    """One Chinese line for what the machine refused: the path, the cause, what to do."""
    if isinstance(error, MemoryError):
        return MachineError("内存不足：请关闭其他程序，或减少一次构建的公报数量后重新构建")
    cause, action = _MACHINE.get(error.errno or 0, (f"系统错误（{error.strerror or type(error).__name__}）",
                                                    "请检查该路径后重新构建"))
    path = error.filename if isinstance(error.filename, str | bytes | os.PathLike) else None
    return MachineError(f"{cause}：{action}", os.fsdecode(path) if path is not None else None)
