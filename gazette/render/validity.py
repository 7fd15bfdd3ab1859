"""时效 on the pages: front-matter, the card's rows, the banner, the 时效 browse page and its CSV.

A page's Markdown body depends on its status and evidence, never on the as-of date itself:
rebuilding with another date changes the body (and converts the page again) only where the
status changed. The date is in the front-matter (validity.as_of), and the theme prints
"时效判断日期 YYYY-MM-DD" from it (overrides/main.html).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from gazette.link.archive import Archive, PageRef
from gazette.model import Basis, BasisKind, Validity, ValidityStatus
from gazette.render.markup import esc, front_matter_block, link, list_table, spreadsheet_text, table_row

LAPSING_DAYS = 180  # "in force but lapsing soon" on the 时效 page
STATUS_CSS = {ValidityStatus.IN_FORCE: "active", ValidityStatus.NOT_YET: "pending", ValidityStatus.AMENDED: "changed",
              ValidityStatus.REPEALED: "changed", ValidityStatus.LAPSED: "changed", ValidityStatus.PERIOD_ENDED: "changed"}
_KIND_ZH = {BasisKind.EFFECTIVE: "施行", BasisKind.PERIOD: "有效期", BasisKind.REPEAL: "废止", BasisKind.AMENDMENT: "修改",
            BasisKind.DECLARED_LAPSED: "宣布失效", BasisKind.TITLE_PERIOD: "标题"}


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _validity(page: PageRef) -> Validity:
    assert page.validity is not None, "gazette.link.validity.assess() runs before rendering"
    return page.validity


def front_matter(page: PageRef) -> dict[str, Any]:
    """`validity:` of the page's front-matter (dates YYYY-MM-DD, null when the text gives none)."""
    v = _validity(page)
    data: dict[str, Any] = {
        "status": v.status.value if v.status else None, "effective_from": _iso(v.effective_from),
        "expires": _iso(v.expires), "period_end": _iso(v.period_end),
        "as_of": v.as_of.isoformat(),
        "basis": [{"kind": b.kind.value, "text": b.text, "url": "/" + b.path} for b in v.basis],
    }
    if v.provisional:
        data["provisional"] = v.provisional
    return data


def _basis_link(here: str, basis: Basis) -> str:
    label = basis.label or _KIND_ZH[basis.kind]
    target, _, anchor = basis.path.partition("#")
    if target == here and anchor:  # a clause of this very page: a plain in-page link
        return f'<a href="#{esc(anchor)}">{esc(label)}</a>：{esc(basis.text)}'
    return f"{link(here, basis.path, label)}：{esc(basis.text)}"


def evidence(here: str, v: Validity) -> str:
    """'第十五条：本办法有效期五年；第十六条：本办法自…起施行；2025年9月19日届满' (HTML)."""
    parts = [_basis_link(here, b) for b in v.basis]
    if v.status is ValidityStatus.LAPSED and v.expires:
        parts.append(esc(f"{zh_date(v.expires)}届满"))
    elif v.status is ValidityStatus.NOT_YET and v.effective_from:
        parts.append(esc(f"{zh_date(v.effective_from)}起施行"))
    return "；".join(parts)


HELD_PATH = "validity/#held"  # the one place naming the issues held: a new issue changes that page, not every card


def held_range(archive: Archive) -> str:
    """'2020年第4期至2026年第1期（共14期）': what the site holds, for statuses inferred from silence."""
    issues = [p.issue for p in archive.issues]
    if not issues:
        return "（无）"
    first, last = issues[0], issues[-1]
    return f"{first.year}年第{first.number}期至{last.year}年第{last.number}期（共{len(issues)}期）"


def card_rows(page: PageRef) -> list[tuple[str, str]]:
    """施行日期, 有效期至 and 时效 rows of the metadata card. A status inferred from silence links to
    the 时效 page's 收录范围 (which issues were searched), named there only: the card stays the same
    when an issue that does not concern the page is added."""
    v = _validity(page)
    if v.status is None:
        return [("时效", '<span class="gz-meta">不适用（任免文件不涉及时效）</span>')]
    unstated = '<span class="gz-meta">（原文未载明）</span>'
    rows = [("施行日期", esc(zh_date(v.effective_from)) if v.effective_from else unstated),
            ("有效期至", esc(zh_date(v.expires)) if v.expires else unstated)]
    status = f'<span class="gz-status gz-status-{STATUS_CSS[v.status]}">{esc(v.status.value)}</span>'
    if v.provisional:
        status += f' <span class="gz-meta">（{esc(v.provisional)}）</span>'
    if v.basis:
        status += f' — <span class="gz-evidence">{evidence(page.path, v)}</span>'
    if v.silent or not v.basis:
        status += (' <span class="gz-meta gz-silent">（本站收录范围内未见废止、修改或到期；'
                   f'{link(page.path, HELD_PATH, "收录范围")}）</span>')
    rows.append(("时效", status))
    return rows


def banner(page: PageRef) -> list[str]:
    """A visible note at the top of lapsed, repealed and amended pages."""
    v = _validity(page)
    if v.status is ValidityStatus.LAPSED:
        when = f"有效期已于{zh_date(v.expires)}届满" if v.expires else "已失效"
        text = f"本文件{when}。"
    elif v.status is ValidityStatus.REPEALED:
        text = "本文件已被废止。"
    elif v.status is ValidityStatus.AMENDED:
        text = "本文件已被修改，以下为原公布文本。"
    elif v.status is ValidityStatus.PERIOD_ENDED and v.period_end:
        text = f"标题所示实施期已于{zh_date(v.period_end)}结束。"
    else:
        return []
    assert v.status is not None
    return [f'<div class="gz-banner gz-banner-{"lapsed" if v.status is ValidityStatus.LAPSED else "changed"}" '
            f'role="note"><strong>{esc(v.status.value)}</strong> {esc(text)}'
            f'<span class="gz-evidence">依据：{evidence(page.path, v)}</span></div>', ""]


# The 时效 browse page (规范性文件清理) and its CSV.

SECTIONS = [("lapsed", "已失效"), ("repealed", "已废止"), ("amended", "已修改"), ("ended", "实施期已结束"),
            ("pending", "尚未生效"),
            ("lapsing", f"现行有效，{LAPSING_DAYS}日内到期")]


def sections(archive: Archive) -> dict[str, list[PageRef]]:
    assert archive.as_of is not None
    soon = archive.as_of + dt.timedelta(days=LAPSING_DAYS)
    out: dict[str, list[PageRef]] = {key: [] for key, _ in SECTIONS}
    by_status = {ValidityStatus.LAPSED: "lapsed", ValidityStatus.REPEALED: "repealed",
                 ValidityStatus.AMENDED: "amended", ValidityStatus.NOT_YET: "pending",
                 ValidityStatus.PERIOD_ENDED: "ended"}
    for page in sorted(archive.pages.values(), key=lambda p: p.path):
        v = _validity(page)
        if v.status in by_status:
            out[by_status[v.status]].append(page)
        elif v.status is ValidityStatus.IN_FORCE and v.expires and v.expires <= soon:
            out["lapsing"].append(page)
    return out


def browse_page(archive: Archive) -> str:
    here = "validity/"
    assert archive.as_of is not None
    groups = sections(archive)
    out = front_matter_block({"title": "时效", "kind": "index"}) + ["# 时效（规范性文件清理）", ""]
    out += [f'<p class="gz-meta">时效判断日期 {esc(archive.as_of.isoformat())}。状态只依据本站收录文件的原文：'
            "施行条款、有效期条款，以及后来的文件对其废止或修改的条款；原文未载明的不作推断。"
            f'{link(here, "validity/validity.csv", "下载 CSV")}</p>', ""]
    out += ["## 收录范围 {#held}", "",
            f"<p>本站收录{esc(held_range(archive))}，各期见{link(here, 'issues/', '各期目录')}。"
            "标为“现行有效”而原文未载明期限的文件，是在这些期中未见废止、修改或到期；"
            "未收录的文件所作的废止或修改无法反映，请以发文机关公布为准。</p>", ""]
    for key, heading in SECTIONS:
        pages = groups[key]
        out += [f"## {esc(heading)}（{len(pages)}） {{#{key}}}", ""]
        if not pages:
            out += ['<p class="gz-empty">无。</p>', ""]
            continue
        rows = (table_row(link(here, p.path, p.title), esc(p.document.doc_number or ""), esc(p.document.issuer or ""),
                          esc(_iso(p.validity.effective_from) or ""), esc(_iso(p.validity.expires) or ""),
                          evidence(here, p.validity)) for p in pages if p.validity)
        out += [list_table(("文件", "文号", "发文机关", "施行日期", "有效期至", "依据"), rows), ""]
    return "\n".join(out) + "\n"


def csv_text(archive: Archive) -> str:
    """The 时效 page as CSV, UTF-8 with BOM (spreadsheets open it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["类别", "时效", "标题", "文号", "发文机关", "成文日期", "施行日期", "有效期至", "依据", "链接"])
    labels = dict(SECTIONS)
    for key, pages in sections(archive).items():
        for p in pages:
            v = _validity(p)
            basis = "；".join(f"{b.label + '：' if b.label else ''}{b.text}（/{b.path}）" for b in v.basis)
            writer.writerow([spreadsheet_text(x) for x in (
                labels[key], v.status.value if v.status else "", p.title, p.document.doc_number or "", p.document.issuer or "",
                _iso(p.document.date) or "", _iso(v.effective_from) or "", _iso(v.expires) or "", basis, "/" + p.path)])
    return "\ufeff" + buffer.getvalue()
