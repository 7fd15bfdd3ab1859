"""Chinese numerals (一, 十七, 四十四, 一百零二) to integers.

cn2an handles the general case; a small fast path covers the numbers below 100 that
make up nearly every 第X条 and （X） label, so parsing does not depend on its start-up.
"""

from __future__ import annotations

import functools

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


@functools.lru_cache(maxsize=4096)
def chinese_to_int(text: str) -> int | None:
    """Convert 一 … 九千九百九十九 (or ASCII digits) to int; None if it is not a numeral."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = current * 10 + _DIGITS[ch] if current and ch != "零" else _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            total += (current or 1) * unit
            current = 0
    value = total + current
    if value == 0 and text not in ("〇", "零"):
        return _cn2an_fallback(text)
    return value


def _cn2an_fallback(text: str) -> int | None:
    try:
        import cn2an  # imported lazily: it is slow to load and rarely needed

        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, TypeError, KeyError):
        return None


def int_to_chinese(value: int) -> str:
    """17 -> 十七, 44 -> 四十四, 102 -> 一百零二 (for labels such as 第十七条)."""
    if value < 0:
        raise ValueError(value)
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + "十" + (digits[value % 10] if value % 10 else "")
    if value < 1000:
        rest = value % 100
        head = digits[value // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + digits[rest]
        return head + (digits[rest // 10] + "十" + (digits[rest % 10] if rest % 10 else ""))
    import cn2an

    return cn2an.an2cn(value)
