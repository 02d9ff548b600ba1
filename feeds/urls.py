"""Public URLs and relative paths of everything paperfeed publishes, in one place.

Feed documents live under ``feeds/``; HTML pages at the paths the worker chooses
(``articles/…``, ``sections/<slug>.html``, ``people/<slug>.html``, ``index.html``).
"""

from __future__ import annotations

from urllib.parse import quote

FEEDS_DIR = "feeds"
INDEX_PAGE = "index.html"
EXTENSIONS = ("atom", "rss", "json")


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def feed_file_path(path: str, extension: str, *, archive: int | None = None) -> str:
    """Relative path of a feed document: ``feeds/all.atom``; archive page 3 of that feed is
    ``feeds/all/archive/3.atom``.

    >>> feed_file_path("people/wang-menghe", "rss", archive=2)
    'feeds/people/wang-menghe/archive/2.rss'
    """
    if archive is None:
        return f"{FEEDS_DIR}/{path}.{extension}"
    return f"{FEEDS_DIR}/{path}/archive/{archive}.{extension}"


def feed_url(base_url: str, path: str, extension: str, *, archive: int | None = None) -> str:
    """Public URL of a feed file: ``feed_url("https://x.org/", "all", "atom")`` →
    ``https://x.org/feeds/all.atom``."""
    relative = feed_file_path(path, extension, archive=archive)
    return f"{_base(base_url)}/{quote(relative, safe='/')}"


def index_url(base_url: str) -> str:
    """Public URL of the index page that lists every feed."""
    return f"{_base(base_url)}/"


def page_url(base_url: str, page_path: str) -> str:
    """Public URL of an HTML page: ``page_url("https://x.org", "people/wang-menghe.html")`` →
    ``https://x.org/people/wang-menghe.html``; ``index.html`` is the site root."""
    if page_path == INDEX_PAGE:
        return index_url(base_url)
    return f"{_base(base_url)}/{quote(page_path, safe='/')}"


def section_page_path(slug: str) -> str:
    """``sections/<slug>.html``: the page of a section (its feed path is ``sections/<slug>``)."""
    return f"sections/{slug}.html"


def person_page_path(slug: str) -> str:
    """``people/<slug>.html``: the page of a person (its feed path is ``people/<slug>``)."""
    return f"people/{slug}.html"


def section_feed_path(slug: str) -> str:
    """``sections/<slug>``: the FeedSpec.path of a section's feed."""
    return f"sections/{slug}"


def person_feed_path(slug: str) -> str:
    """``people/<slug>``: the FeedSpec.path of a person's feed."""
    return f"people/{slug}"


def paper_page_path(slug: str) -> str:
    """``papers/<slug>.html``: the page of one paper's feed of everything."""
    return f"papers/{slug}.html"


def paper_feed_path(slug: str) -> str:
    """``papers/<slug>``: the FeedSpec.path of one paper's feed of everything."""
    return f"papers/{slug}"


def issue_page_path(paper_slug: str, day: str) -> str:
    """``issues/<paper>/<YYYY-MM-DD>.html``: the page of one paper's issue of one day.

    >>> issue_page_path("qing-he-ri-bao", "2024-05-01")
    'issues/qing-he-ri-bao/2024-05-01.html'
    """
    return f"issues/{paper_slug}/{day}.html"


def archive_page_path(paper_slug: str) -> str:
    """``issues/<paper>/index.html``: one paper's years of issues, and its newest year's
    issues by month."""
    return f"issues/{paper_slug}/index.html"


def archive_year_path(paper_slug: str, year: int) -> str:
    """``issues/<paper>/<YYYY>.html``: one paper's issues of one year, by month.

    >>> archive_year_path("qing-he-ri-bao", 2024)
    'issues/qing-he-ri-bao/2024.html'
    """
    return f"issues/{paper_slug}/{year:04d}.html"
