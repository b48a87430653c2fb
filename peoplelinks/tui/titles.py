"""Pane titles: literal text, set only when it changed, redrawn on their line only."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


def set_title(widget: Widget, title: str) -> None:
    """Give ``widget`` the border title ``title``, as literal text (never markup).

    Textual redraws the whole widget when its title is set, even to the same text: for
    the contacts pane that is every line of it (~4 ms at 120x36) on each keystroke of a
    search, as the title counts the matches. The same title is left alone; another one
    redraws the top border's line only."""
    content = Content(title)
    if widget.border_title == content.markup:
        return
    if not widget.is_mounted or not widget.size or \
            widget.styles.border_top[0] in ("", "none", "hidden"):
        widget.border_title = content
        return
    # What the border_title descriptor stores (its first line, tabs expanded); then the
    # line it is drawn on (a region given to refresh is from the content's origin: the
    # border is above it).
    widget._border_title = widget.render_str(content).expand_tabs(4).split()[0]
    x, y = widget.content_offset
    widget.refresh(Region(-x, -y, widget.outer_size.width, 1))
