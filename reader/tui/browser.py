"""Handing an article's URL to a web browser, safely.

The URL comes from the article file, so it is checked first: only `http`/`https` with a host,
nothing a browser could take for an option or a local file. A graphical browser is started
in the background; a text browser (what `webbrowser` picks when there is no display) needs
the terminal, so the app is suspended while it runs and restored after, and where the app
cannot be suspended the URL is shown instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # loaded when a browser is looked for, not with the app
    import webbrowser

WEB_SCHEMES = ("http", "https")


def url_problem(url: str) -> str | None:
    """Why `url` must not be handed to a browser, or None when it may be."""
    if url.startswith("-"):
        return "it would be taken for a browser option"
    if any(char.isspace() or not char.isprintable() for char in url):
        return "it holds spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return "only http and https links are opened"
    if not host:
        return "it names no web site"
    return None


def find_browser() -> webbrowser.BaseBrowser | None:
    """The browser `webbrowser` would use, or None when there is none. (May run a program
    to ask the desktop for its default: call it off the UI thread.)"""
    import webbrowser

    try:
        return webbrowser.get()
    except webbrowser.Error:
        return None


def runs_in_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Whether `browser` takes over the terminal until it exits (lynx, w3m, links, elinks):
    a plain command run in the foreground, not a graphical browser started in the
    background."""
    import webbrowser

    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):  # a command waited for, as $BROWSER
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background
