"""Terminal cells: every line a pane draws is as wide as the pane says, in a terminal.

Terminal columns are cells, not code points: CJK takes two, combining marks
none, and a joined emoji (👨‍👩‍👧‍👦, four people and three zero-width joiners)
two. Rich measures whole graphemes (``rich.cells.cell_len``, ``set_cell_size``,
``split_text``), but two things below the panes cut inside one:
``Segment.split_cells`` (behind every ``Strip.crop``: the referral tree's
labels, the compositor cutting the panes under a form or a notification)
splits a joined emoji at a joiner, and Textual folds a long word character by
character (the card, the follow-ups). The pieces are measured apart — ``👨‍``
and ``👩‍👧‍👦`` are two cells each, together two — and a line that Rich counted
as the pane's width is wider or narrower on screen, which moves the pane's
right border.

:func:`fit` cuts text to a number of cells without splitting a grapheme;
:func:`safe_strip` mends a line a widget drew (each grapheme kept whole in one
segment, no joiner or combining mark left without its character at either
end) and brings it to its width. Plain ASCII lines pass untouched.
:func:`install` makes ``Segment.split_cells`` cut between graphemes (Rich's own
``split_text``); the app calls it when it is built.

Where a terminal draws a grapheme at another width than Unicode says (tmux 3.3
draws 👍🏽, an emoji with a skin tone, in four cells; Rich and most terminals in
two), nothing in the app can know it: ``UNICODE_VERSION`` tells Rich which
Unicode the terminal follows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, set_cell_size, split_graphemes, split_text
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

ZWJ = "\u200d"
ELLIPSIS = "…"


def fit(text: str, width: int, *, ellipsis: bool = False, pad: bool = True) -> str:
    """``text`` cut to ``width`` cells, graphemes kept whole (a wide one that does not
    fit becomes spaces), and padded to exactly ``width`` unless not ``pad``;
    ``ellipsis``: a cut ends in "…"."""
    if width <= 0:
        return ""
    text = _clean(text)
    if cell_len(text) > width:
        if ellipsis:
            text = _clean(set_cell_size(text, width - 1)).rstrip() + ELLIPSIS
        else:
            text = _clean(set_cell_size(text, width))
    return set_cell_size(text, width) if pad else text


def fit_words(text: str, width: int, *, cut: bool = True) -> str:
    """``text`` within ``width`` cells, cut between words and ended with "…" (never
    mid-word); when not even the first word fits: that word cut with "…" (``cut``),
    or nothing."""
    if cell_len(text) <= width:
        return text
    kept = ""
    for word in text.split(" "):
        longer = f"{kept} {word}" if kept else word
        if cell_len(longer) + 1 > width:
            break
        kept = longer
    kept = kept.rstrip(" ·,-–—")
    if kept:
        return kept + ELLIPSIS
    return fit(text, width, ellipsis=True, pad=False) if cut and width > 1 else ""


def _clean(text: str) -> str:
    """Without loose joiners, nor a zero-width character at the start (left there by
    a cut, it would join what the terminal draws before it)."""
    text = _LOOSE_JOINER.sub("", text)
    while text and cell_len(text[0]) == 0:
        text = text[1:]
    return text


# A joiner joins two emoji; one at an end or beside plain text is what a cut left:
# Rich counts it as joining (the next character counts for nothing), terminals do not.
_LOOSE_JOINER = re.compile(r"^\u200d|\u200d(?=[\x00-\x7f\u200d]|$)|(?<=[\x00-\x7f])\u200d")


def safe_strip(strip: Strip, style: Style | None = None) -> Strip:
    """``strip`` with every grapheme whole and its text exactly ``strip.cell_length``
    cells wide on screen (padded with ``style``, or cut)."""
    width = strip.cell_length
    segments = list(strip)
    text = "".join(segment.text for segment in segments)
    if text.isascii() or any(segment.control for segment in segments):
        return strip
    if cell_len(text) == width and sum(cell_len(s.text) for s in segments) == width \
            and cell_len(text[0]) and not _LOOSE_JOINER.search(text):
        return strip
    return Strip(_mend(segments, text, width, style), width)


def _mend(segments: list[Segment], text: str, width: int,
          style: Style | None) -> list[Segment]:
    """Each grapheme goes to the segment it starts in; the line is cut or padded to
    ``width`` cells."""
    owner: list[int] = []  # segment index of each code point
    for index, segment in enumerate(segments):
        owner.extend([index] * len(segment.text))
    parts = [""] * len(segments)
    spans, _total = split_graphemes(text)
    used = 0
    seen_visible = False
    for start, end, cells in spans:
        grapheme = text[start:end]
        if ZWJ in grapheme:  # a joiner must join two characters of the grapheme
            grapheme = _LOOSE_JOINER.sub("", grapheme)
            cells = cell_len(grapheme)
        if not cells:
            if not seen_visible:
                continue  # a combining mark or joiner cut off its character
        elif used + cells > width:
            parts[owner[start]] += " " * (width - used)
            used = width
            break
        seen_visible = seen_visible or cells > 0
        parts[owner[start]] += grapheme
        used += cells
    mended = [Segment(part, segment.style) for part, segment in zip(parts, segments, strict=True)
              if part]
    if used < width:
        pad_style = style if style is not None else (segments[-1].style if segments else None)
        mended.append(Segment(" " * (width - used), pad_style))
    return mended


@lru_cache(1024 * 16)
def _split_cells(segment: Segment, cut: int) -> tuple[Segment, Segment]:
    """``Segment.split_cells`` between graphemes: a two-cell one under the cut
    becomes two spaces, as Rich does with a wide character."""
    text, style, control = segment
    if cut >= segment.cell_length:
        return segment, Segment("", style, control)
    before, after = split_text(text, cut)
    return Segment(before, style, control), Segment(after, style, control)


def install() -> None:
    """Make every ``Segment.split_cells`` (and so every ``Strip.crop``) keep graphemes
    whole. Idempotent; Rich's ASCII fast path is untouched."""
    if getattr(Segment._split_cells, "__func__", None) is _by_grapheme:
        return
    Segment._split_cells = classmethod(_by_grapheme)  # type: ignore[method-assign,assignment]


def _by_grapheme(cls: type[Segment], segment: Segment, cut: int) -> tuple[Segment, Segment]:
    return _split_cells(segment, cut)
