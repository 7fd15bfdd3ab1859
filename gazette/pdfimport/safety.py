"""The safety layer of `gazette import`: refuse what is no readable PDF (one Chinese message per
cause) and publish a copy without anything that runs (pikepdf).

Removed from the published copy: /OpenAction, /AA (automatic actions) anywhere, the /JavaScript and
/EmbeddedFiles name trees, /XFA forms, and every action of type JavaScript, Launch, SubmitForm,
ImportData, GoToE or Rendition; the report lists what was removed.
"""

from __future__ import annotations

from pathlib import Path

from gazette.errors import InputError, read_failure

MAX_PAGES = 2000
MAX_DECOMPRESSED = 512 * 1024 * 1024  # all streams together; a bulletin of 200 pages holds far less
_CHUNK = 1024 * 1024
_RUNNING_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/Rendition"}
_NAMES = {"/OpenAction": "打开时自动执行的动作（/OpenAction）", "/AA": "自动动作（/AA）",
          "/JavaScript": "JavaScript 脚本", "/EmbeddedFiles": "嵌入文件", "/XFA": "XFA 表单"}


def check_pdf(path: Path) -> None:
    """InputError with the cause: 不是 PDF / 文件不完整 / 加密 / 页数过多."""
    import pikepdf

    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except OSError as error:
        raise InputError(f"无法读取文件（{read_failure(error)}）：请检查文件是否存在、是否有读取权限", path) from None
    if b"%PDF-" not in head:
        raise InputError("不是 PDF 文件（文件开头没有 %PDF-）：请下载政府网站发布的 PDF 原件", path)
    if b"%%EOF" not in tail:
        raise InputError("PDF 文件不完整（末尾缺少 %%EOF，下载中断？）：请重新下载完整的 PDF", path)
    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        raise InputError("PDF 已加密（需要密码）：请取得未加密的原件，或先用阅读器去除密码后再导入", path) from None
    except pikepdf.PdfError as error:
        raise InputError(f"PDF 文件已损坏或不完整（{str(error)[:80]}）：请重新下载完整的 PDF", path) from None
    if pages > MAX_PAGES:
        raise InputError(f"PDF 有 {pages} 页，超过上限 {MAX_PAGES} 页：一期公报不会这么长，请检查文件", path)
    if _decompressed_size(path, MAX_DECOMPRESSED) > MAX_DECOMPRESSED:
        raise InputError(f"PDF 解压后超过 {MAX_DECOMPRESSED // 2**20} MB（疑似压缩炸弹）：未导入，请检查文件来源", path)


def _decompressed_size(path: Path, limit: int) -> int:
    """The size of the Flate streams once inflated, counted in chunks (never held whole) up to `limit`."""
    import zlib

    import pikepdf

    total = 0
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream) or str(obj.get("/Filter")) != "/FlateDecode":
                continue
            inflate = zlib.decompressobj()
            data = obj.read_raw_bytes()
            try:
                chunk = inflate.decompress(data, _CHUNK)
                while chunk:
                    total += len(chunk)
                    if total > limit:
                        return total
                    chunk = inflate.decompress(inflate.unconsumed_tail, _CHUNK)
            except zlib.error:
                continue  # a broken stream is the extractor's to report
    return total


def sanitise_pdf(source: Path, target: Path) -> list[str]:
    """Write `source` without anything that runs to `target`; what was removed, in Chinese."""
    import pikepdf

    counts: dict[str, int] = {}

    def note(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    with pikepdf.open(source) as pdf:
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
                    note(_NAMES[key])
        form = pdf.Root.get("/AcroForm")
        if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
            del form["/XFA"]
            note(_NAMES["/XFA"])
        for obj in [pdf.Root, *pdf.objects]:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            for key in ("/OpenAction", "/AA"):
                if key in obj:
                    del obj[key]
                    note(_NAMES[key])
            action = obj.get("/A")
            if isinstance(action, pikepdf.Dictionary) and str(action.get("/S")) in _RUNNING_ACTIONS:
                del obj["/A"]
                note(f"可执行的链接动作（{action.get('/S')}）")
            if str(obj.get("/S")) in _RUNNING_ACTIONS and "/JS" in obj:
                del obj["/JS"]
            if str(obj.get("/Subtype")) == "/FileAttachment" and "/FS" in obj:
                del obj["/FS"]
                note(_NAMES["/EmbeddedFiles"])
        pdf.save(target, deterministic_id=True)
    return [f"{what} {n} 处" for what, n in counts.items()]
