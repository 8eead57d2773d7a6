"""Finding the news list on a page nobody described: the repeated sibling blocks that each carry
one main link with headline-like text (and usually a date and a teaser), not navigation, menus,
footers, tag clouds, pagination or a sidebar of "most read" links.

How (the approach of html2rss's auto source and of boilerplate detectors, in our own terms):
1. Candidates: elements whose siblings share a tag and classes, grouped across parents that
   share their own path (a grid of cards in two columns is one list).
2. Each block's main link: the link inside a heading, else the link with the longest
   headline-like text (three words, or six characters of a script without spaces); a block
   with several different headline links is a container, not an item.
3. A score per candidate: how many blocks have a main link, how headline-like their texts are,
   how many carry a date and a teaser; less inside navigation, headers, footers, sidebars,
   widgets and carousels, for links to other sites, for dates mostly in the future (an events
   list) and for repeated links.
4. Selectors that reproduce the chosen list (item, title, link, date, time, summary, image,
   next) are inferred, so that `preview` can print them for feeds.yaml.
Pure: a parsed document in, a Detection out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from aggregator.config.selectors import first_text, select
from aggregator.hygiene import join_url
from aggregator.models import HtmlRecipe
from aggregator.parse.page_dates import looks_like_date, read_page_date
from aggregator.terms.folding import fold

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style", "noscript", "template", "svg", "iframe", "select", "option"}
# Class or id words of page furniture; a list inside one of them is rarely the news.
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(nav|navbar|navigation|menu|menubar|megamenu|footer|header|breadcrumbs?|pager|"
    r"pagination|sidebar|aside|widget|tags?|tagcloud|cloud|share|sharing|social|related|popular|"
    r"most|mostread|trending|banner|carousel|slider|slides?|swiper|calendar|toolbar|skip|"
    r"language|lang|quicklinks|links|events?|agenda)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_FURNITURE_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_MAIN = re.compile(
    r"(?:^|[-_\s])(main|content|news|noticias|noticia|press|list|listing|"
    r"results|articles?|posts?|items?|novosti|actualites|presse)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_HIDDEN_TEXT = re.compile(
    r"(^|\s)(visually-?hidden|sr-only|screen-reader-text|element-invisible|show-for-sr|"
    r"u-visually-hidden|hidden|assistive-text|a11y-hidden)(\s|$)",
    re.IGNORECASE,
)
_UNSTABLE_CLASS = re.compile(
    r"\d|^(odd|even|first|last|active|current|selected|clearfix|is-|has-|js-)"
    r"|[-_](odd|even|first|last|active|current|selected)$",
    re.IGNORECASE,
)
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_NEXT_WORDS = re.compile(
    r"^(next|next page|more|older|›|»|>|→|следующая|далее|вперед|siguiente|proxima|próxima|"
    r"suivant|suivante|weiter|nachste|nächste|successiva|successivo|berikutnya|下一页|下页|"
    r"다음|次へ|次のページ|التالي)\b",
    re.IGNORECASE,
)
MIN_ITEMS = 3


@dataclass(frozen=True, slots=True)
class DetectedItem:
    title: str
    link: str
    date_text: str | None
    time_text: str | None
    summary_html: str
    image: str | None


@dataclass(frozen=True, slots=True)
class Detection:
    """The list found on a page: its items, the selectors that reproduce it (for feeds.yaml)
    and how sure the choice is (the best score and the runner-up's)."""

    recipe: HtmlRecipe
    items: tuple[DetectedItem, ...]
    score: float
    runner_up: float = 0.0
    reproduced: bool = True  # the inferred selectors give these same items

    def describe(self) -> str:
        return f"`{self.recipe.item}` > `{self.recipe.title}`"


@dataclass
class _Block:
    element: Any
    title_element: Any
    link_element: Any
    title: str
    href: str
    date_element: Any | None = None
    time_element: Any | None = None
    summary_element: Any | None = None
    image_element: Any | None = None


@dataclass
class _Candidate:
    key: tuple[str, str]
    elements: list[Any] = field(default_factory=list)


def detect_list(
    document: Any, *, url: str, language: str | None, now: datetime | None
) -> Detection | None:
    """The page's news list, or None when no repeated blocks of headline links are found."""
    base = _base(document, url)
    host = _host(url)
    best: tuple[float, list[_Block], _Candidate] | None = None
    runner_up = 0.0
    for candidate in _candidates(document):
        blocks = [block for block in map(_block, candidate.elements) if block is not None]
        if len(blocks) < MIN_ITEMS:
            continue
        score = _score(candidate, blocks, base, host, language, now)
        if best is None or score > best[0]:
            runner_up = best[0] if best else runner_up
            best = (score, blocks, candidate)
        elif score > runner_up:
            runner_up = score
    if best is None or best[0] <= 0:
        return None
    score, blocks, candidate = best
    recipe = _recipe(document, candidate, blocks)
    items = tuple(_item(block, base) for block in blocks)
    return Detection(
        recipe=recipe,
        items=items,
        score=round(score, 2),
        runner_up=round(runner_up, 2),
        reproduced=_reproduces(document, recipe, items, base),
    )


# Candidates


def _candidates(document: Any) -> Iterable[_Candidate]:
    groups: dict[tuple[str, str], _Candidate] = {}
    for parent in document.iter():
        if not isinstance(parent.tag, str) or parent.tag in _SKIPPED:
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        if len(children) < 2:
            continue
        by_signature: dict[str, list[Any]] = {}
        for child in children:
            if child.tag in _SKIPPED or child.tag in {"br", "hr", "script"}:
                continue
            by_signature.setdefault(_signature(child), []).append(child)
        path = _path_key(parent)
        for signature, members in by_signature.items():
            if len(members) < 2:
                continue
            key = (path, signature)
            groups.setdefault(key, _Candidate(key)).elements.extend(members)
    return groups.values()


def _signature(element: Any) -> str:
    """What makes siblings alike: their tag and first stable class (WordPress gives each post
    its own category and tag classes; a pinned row of a board table has a class of its own)."""
    if element.tag in ("tr", "li"):
        return str(element.tag)  # rows of a table or list: a pinned or featured one too
    classes = [c for c in (element.get("class") or "").split() if not _UNSTABLE_CLASS.search(c)]
    return str(element.tag) + ("." + classes[0] if classes else "")


def _path_key(element: Any, depth: int = 3) -> str:
    """Where a group of siblings sits, by every stable class of its parents: lists of the same
    markup in two columns are one list, a sidebar block of another view is not."""
    parts = []
    for ancestor in [element, *element.iterancestors()][:depth]:
        classes = sorted(
            c for c in (ancestor.get("class") or "").split() if not _UNSTABLE_CLASS.search(c)
        )
        parts.append(str(ancestor.tag) + "".join("." + c for c in classes))
    return " < ".join(parts)


# Blocks


def _block(element: Any) -> _Block | None:
    """One repeated element as a news item: its main link and title, or None."""
    anchors = [a for a in element.iter("a") if _usable_href(a.get("href"))]
    if not anchors:
        return None
    scored: list[tuple[int, int, Any, Any, str]] = []
    for anchor in anchors:
        heading = _heading_inside(anchor)
        if heading is None:
            heading = _title_inside(anchor)
        title_element = heading if heading is not None else anchor
        text = _text(title_element)
        if not _headline_like(text):
            continue
        in_heading = 1 if (title_element is not anchor or _inside_heading(anchor, element)) else 0
        scored.append((in_heading, len(text), title_element, anchor, text))
    if not scored:
        return _block_of_heading(element, anchors)
    headline_links = {anchor.get("href").strip().rstrip("/") for *_, anchor, _ in scored}
    if len(headline_links) > 2:
        return None  # a container of several items, not one item
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    in_heading, _, title_element, anchor, text = scored[0]
    if not in_heading:
        # A headline in a heading without a link, and a "Read more" link to the item.
        heading = next(
            (
                h
                for h in element.iter(*HEADINGS)
                if h.find(".//a") is None and _headline_like(_text(h))
            ),
            None,
        )
        if heading is not None and len(headline_links) == 1:
            return _block_of_heading(element, anchors)
    block = _Block(element, title_element, anchor, text, anchor.get("href").strip())
    block.date_element, block.time_element = _date_elements(element, title_element)
    if block.date_element is None:
        block.date_element = _date_before(element)
    block.summary_element = _summary_element(element, text)
    block.image_element = next(
        (
            img
            for img in element.iter("img")
            if img.get("src") and not img.get("src").startswith("data:")
        ),
        None,
    )
    return block


def _block_of_heading(element: Any, anchors: list[Any]) -> _Block | None:
    """A block whose headline is a heading without a link, and whose link is a "Read more"
    (beside a category link or two): the link whose address spells the headline's words, else
    the first after the heading."""
    heading = next((h for h in element.iter(*HEADINGS) if _headline_like(_text(h))), None)
    distinct = {a.get("href").strip() for a in anchors}
    if heading is None or len(distinct) > 4:
        return None
    words = set(re.findall(r"\w{3,}", fold(_text(heading))))
    order = {id(e): n for n, e in enumerate(element.iter())}
    after = order[id(heading)]

    def fit(anchor: Any) -> tuple[int, int]:
        spelled = set(re.findall(r"\w{3,}", fold(anchor.get("href") or "")))
        return len(words & spelled), 1 if order[id(anchor)] > after else 0

    anchor = max(anchors, key=fit)
    if len(distinct) > 1 and fit(anchor) == (0, 0):
        return None
    block = _Block(element, heading, anchor, _text(heading), anchor.get("href").strip())
    block.date_element, block.time_element = _date_elements(element, heading)
    block.summary_element = _summary_element(element, block.title)
    return block


def _title_inside(anchor: Any) -> Any | None:
    """A link wrapping a whole row or card (number, title, date, views): the part of it that is
    the headline, when the link holds more than one part with text."""
    parts = [
        element
        for element in anchor.iterdescendants()
        if isinstance(element.tag, str) and element.tag not in _SKIPPED and _text(element)
    ]
    if len(parts) < 2:
        return None
    whole = _text(anchor)
    best = None
    for part in parts:
        text = _text(part)
        if text == whole or not _headline_like(text) or looks_like_date(text):
            continue
        if any(_headline_like(_text(child)) for child in part if isinstance(child.tag, str)):
            continue  # a wrapper of the headline, not the headline
        if best is None or len(text) > len(_text(best)):
            best = part
    return best


def _heading_inside(anchor: Any) -> Any | None:
    return next((h for h in anchor.iter(*HEADINGS) if _text(h)), None)


def _inside_heading(anchor: Any, block: Any) -> bool:
    for ancestor in anchor.iterancestors():
        if ancestor is block:
            return False
        if ancestor.tag in HEADINGS:
            return True
    return False


def _date_elements(block: Any, title_element: Any) -> tuple[Any | None, Any | None]:
    """The smallest element of the block whose text is a date (a <time> first), and a time
    written apart from it ("14:30" in a span of its own)."""
    times = [t for t in block.iter("time")]
    if times:
        return times[0], None
    found = None
    clock = None
    for element in block.iter():
        if not isinstance(element.tag, str) or element is title_element:
            continue
        if (
            element.tag == "a"
            and element.getparent() is not None
            and element.getparent().tag in HEADINGS
        ):
            continue
        own = _own_text(element)
        if not own:
            continue
        if found is None and looks_like_date(own) and not _inside(element, title_element):
            found = element
        elif re.fullmatch(r"\d{1,2}[:h]\d{2}", own) and clock is None:
            clock = element
    return found, clock if found is not None else None


def _date_before(block: Any) -> Any | None:
    """The date of a definition list's item: its <dt> before the <dd> (or any short element
    just before the block whose text is a date)."""
    previous = block.getprevious()
    while previous is not None and (
        not isinstance(previous.tag, str) or (block.tag == "dd" and previous.tag == "dd")
    ):
        previous = previous.getprevious()  # several <dd> share their <dt>
    if previous is None or previous.find(".//a") is not None:
        return None
    return previous if looks_like_date(_text(previous)) else None


def _summary_element(block: Any, title: str) -> Any | None:
    best, best_length = None, 40
    for element in block.iter("p", "div", "span"):
        text = _text(element)
        if (
            title in text
            or len(text) <= best_length
            or (
                element.find(".//a") is not None
                and len(_text(element.find(".//a"))) > len(text) / 2
            )
        ):
            continue
        if any(child.tag in {"p", "div"} for child in element):
            continue
        best, best_length = element, len(text)
    return best


# Scoring


def _score(
    candidate: _Candidate,
    blocks: list[_Block],
    base: str,
    host: str | None,
    language: str | None,
    now: datetime | None,
) -> float:
    count = len(blocks)
    links = [link for block in blocks if (link := join_url(base, block.href))]
    distinct = len(set(links))
    if distinct < MIN_ITEMS:
        return 0.0
    coverage = count / len(candidate.elements)
    words = sum(min(_words(block.title), 12) for block in blocks) / (12 * count)
    dated = sum(1 for block in blocks if block.date_element is not None) / count
    teased = sum(1 for block in blocks if block.summary_element is not None) / count
    quality = 0.4 + words + 0.6 * dated + 0.3 * teased
    score = distinct**0.8 * quality * coverage**2 * (distinct / count)
    elsewhere = sum(1 for link in links if host and _host(link) not in (None, host)) / count
    score *= 1 - 0.6 * elsewhere
    score *= _placement(candidate.elements[0])
    if dated and now is not None:
        dates = [
            read_page_date(_text(b.date_element), language=language, now=now)
            for b in blocks
            if b.date_element is not None
        ]
        future = sum(1 for d in dates if d is not None and d > now)
        if future * 2 > len(dates):
            score *= 0.3  # upcoming events, not news
    return float(score)


def _placement(element: Any) -> float:
    factor = 1.0
    for ancestor in [element, *element.iterancestors()]:
        if (ancestor.tag in _FURNITURE_TAGS and ancestor.tag != "header") or (
            ancestor.tag == "header"
            and ancestor.getparent() is not None
            and ancestor.getparent().tag in {"body", "div"}
            and len(list(ancestor.iter("a"))) > 8
        ):
            factor = min(factor, 0.25)
        names = (
            f"{ancestor.get('class') or ''} {ancestor.get('id') or ''} {ancestor.get('role') or ''}"
        )
        if ancestor is not element and _FURNITURE.search(names):
            factor = min(factor, 0.35)
        if (
            ancestor.tag == "main"
            or ancestor.get("role") == "main"
            or (ancestor is not element and _MAIN.search(names))
        ):
            factor *= 1.15
    return min(factor, 1.6)


# Selectors


def _recipe(document: Any, candidate: _Candidate, blocks: list[_Block]) -> HtmlRecipe:
    item = _item_selector(document, candidate.elements)
    title = _common_path(blocks, lambda b: b.title_element)
    link = _common_path(blocks, lambda b: b.link_element)
    date = _common_path(blocks, lambda b: b.date_element)
    if (
        date is not None
        and date.split(" > ")[-1].startswith("time")
        and all(b.date_element is None or b.date_element.get("datetime") for b in blocks)
    ):
        date += "@datetime"
    return HtmlRecipe(
        item=item,
        title="xpath:." if title == ":scope" else title or "a",
        link="@href" if link == ":scope" else (link or "a") + "@href",
        date=date,
        time=_common_path(blocks, lambda b: b.time_element),
        summary=_common_path(blocks, lambda b: b.summary_element),
        image=(_common_path(blocks, lambda b: b.image_element) or "") + "@src"
        if any(b.image_element is not None for b in blocks)
        else None,
        next=_next_selector(document),
    )


def _item_selector(document: Any, elements: Sequence[Any]) -> str:
    """The shortest ancestor chain (tag.class, an id where there is one) that selects exactly
    the list's elements; the items by the classes they all share."""
    wanted = set(map(id, elements))
    first = elements[0]
    shared = set.intersection(*(set((e.get("class") or "").split()) for e in elements))
    classes = [
        c
        for c in (first.get("class") or "").split()
        if c in shared and not _UNSTABLE_CLASS.search(c) and re.fullmatch(r"-?[A-Za-z_][\w-]*", c)
    ]
    chain = [_tag(first) + "".join("." + c for c in classes[:3])]
    for ancestor in first.iterancestors():
        if ancestor.tag in {"html", "body"}:
            break
        chain.insert(0, _css(ancestor, with_id=True))
        selector = " > ".join(chain)
        if _selects(document, selector, wanted):
            return selector
        if ancestor.get("id") and _valid_id(ancestor.get("id")):
            break
    return " > ".join(chain)


def _selects(document: Any, selector: str, wanted: set[int]) -> bool:
    try:
        found = select(selector, document)
    except ValueError:
        return False
    return set(map(id, found)) == wanted


def _css(element: Any, *, with_id: bool = False) -> str:
    ident = element.get("id")
    if with_id and ident and _valid_id(ident):
        return f"{_tag(element)}#{ident}"
    classes = [c for c in (element.get("class") or "").split() if not _UNSTABLE_CLASS.search(c)]
    classes = [c for c in classes if re.fullmatch(r"-?[A-Za-z_][\w-]*", c)]
    return _tag(element) + "".join("." + c for c in classes[:3])


def _tag(element: Any) -> str:
    """The element's name as a CSS type selector, or `*` for a name CSS cannot say
    (`<x:nav>`, with a prefix the page never declared: `x:nav` reads as a pseudo-class)."""
    name = str(element.tag)
    return name if re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name) else "*"


def _valid_id(ident: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][\w-]*", ident)) and not re.search(r"\d{3,}", ident)


def _common_path(blocks: list[_Block], part: Any) -> str | None:
    """The relative path (from the item) most blocks share to one of their parts."""
    paths: Counter[str] = Counter()
    for block in blocks:
        element = part(block)
        if element is None:
            continue
        paths[_relative_path(block.element, element)] += 1
    if not paths:
        return None
    path: str = paths.most_common(1)[0][0]
    return path


def _relative_path(block: Any, element: Any) -> str:
    if element is block:
        return ":scope"
    if not _inside(element, block):
        return (
            "xpath:preceding-sibling::dt[1]"
            if block.tag == "dd"
            else "xpath:preceding-sibling::*[1]"
        )
    steps: list[str] = []
    for node in [element, *element.iterancestors()]:
        if node is block:
            break
        steps.insert(0, _css(node))
    return " > ".join(steps[-3:]) if len(steps) > 3 else " > ".join(steps)


def _next_selector(document: Any) -> str | None:
    for anchor in document.iter("a"):
        rel = (anchor.get("rel") or "").lower().split()
        if "next" in rel and _usable_href(anchor.get("href")):
            return (
                _css(anchor) + "[rel=next]@href"
                if anchor.get("rel") == "next"
                else _css(anchor) + "@href"
            )
    for anchor in document.iter("a"):
        if not _usable_href(anchor.get("href")):
            continue
        names = f"{anchor.get('class') or ''} {anchor.getparent().get('class') or ''}"
        text = _text(anchor) or (anchor.get("aria-label") or "")
        if _NEXT_WORDS.match(text.strip().lower()) or re.search(r"(^|[-_\s])next", names):
            parent = anchor.getparent()
            return f"{_css(parent)} > {_css(anchor)}@href"
    return None


def _reproduces(
    document: Any, recipe: HtmlRecipe, items: Sequence[DetectedItem], base: str
) -> bool:
    try:
        titles = [first_text(recipe.title, e) for e in select(recipe.item, document)]
    except ValueError:
        return False
    return [title for title in titles if title] == [item.title for item in items]


# Items


def _item(block: _Block, base: str) -> DetectedItem:
    summary = ""
    if block.summary_element is not None:
        summary = _inner_html(block.summary_element)
    image = block.image_element.get("src") if block.image_element is not None else None
    return DetectedItem(
        title=block.title,
        link=join_url(base, block.href) or block.href,  # unreadable: dropped later
        date_text=_text(block.date_element) if block.date_element is not None else None,
        time_text=_text(block.time_element) if block.time_element is not None else None,
        summary_html=summary,
        image=join_url(base, image) if image else None,
    )


def _inner_html(element: Any) -> str:
    inner = (element.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element
    )
    return inner.strip()


# Text


def _text(element: Any) -> str:
    """The text a reader sees: without what is there for screen readers only."""
    if element is None:
        return ""
    if not any(
        _HIDDEN_TEXT.search(e.get("class") or "") for e in element.iter() if isinstance(e.tag, str)
    ):
        return " ".join(str(element.text_content()).split())
    parts: list[str] = []
    _visible_text(element, parts)
    return " ".join(" ".join(parts).split())


def _visible_text(element: Any, parts: list[str]) -> None:
    if isinstance(element.tag, str) and _HIDDEN_TEXT.search(element.get("class") or ""):
        return
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _visible_text(child, parts)
        parts.append(child.tail or "")


def _own_text(element: Any) -> str:
    parts = [element.text or ""] + [child.tail or "" for child in element]
    own = " ".join(" ".join(parts).split())
    if own:
        return own
    children = [child for child in element if isinstance(child.tag, str)]
    return (
        _text(element)
        if not children
        or (
            all(c.tag in {"b", "strong", "em", "i", "span"} for c in children)
            and len(_text(element)) <= 40
        )
        else ""
    )


def _inside(element: Any, container: Any) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def _words(text: str) -> int:
    if _NO_SPACES.search(text) and len(text.split()) < 3:
        return len(text) // 3
    return len(text.split())


def _headline_like(text: str) -> bool:
    if not text or len(text) > 400:
        return False
    if _NO_SPACES.search(text):
        return len(text) >= 6
    return len(text.split()) >= 3 and len(text) >= 15


def _usable_href(href: str | None) -> bool:
    if not href:
        return False
    href = href.strip()
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:", "tel:"))


def _base(document: Any, url: str) -> str:
    base = document.find(".//base")
    if base is not None and base.get("href"):
        return join_url(url, str(base.get("href"))) or url
    return url


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
