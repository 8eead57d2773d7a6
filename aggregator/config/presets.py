"""Selector presets for the news pages of agencies that publish no feed.

Each preset holds the variants of markup its sites have been seen with, tried in order; the
first that reads the page wins and `status` names it. They were rebuilt from independent
evidence of the real pages (public scrapers and saved real pages; docs/html-sources.md names
each source) and are tested against fixture pages in that evidenced structure
(tests/data/presets/). When no variant reads a page, the news list is detected on the page
(parse/detect.py) and the source shows a warning saying so. Sites change: check a preset with
`aggregator preview ID` or `aggregator doctor`, and override any selector in feeds.yaml.
"""

from __future__ import annotations

from aggregator.models import HtmlRecipe

PRESETS: dict[str, tuple[HtmlRecipe, ...]] = {
    # The U.S. Web Design System's lists, and the two federal sites in our sources that use
    # their own markup on it.
    "uswds": (
        HtmlRecipe(  # collections (EPA and many .gov sites)
            item="li.usa-collection__item",
            title="h3.usa-collection__heading a, .usa-collection__heading a",
            link="h3.usa-collection__heading a, .usa-collection__heading a@href",
            date="time@datetime",
            summary="p.usa-collection__description, div.usa-collection__body > p",
            image="img.usa-collection__img@src",
            next="a.usa-pagination__next-page@href",
            date_order="MDY",
            name="collection",
        ),
        HtmlRecipe(  # dhs.gov news lists (some show no date)
            item="div.news-updates",
            title="h3.news-updates-title a",
            link="h3.news-updates-title a@href",
            date="div.news-updates-date-type time@datetime",
            next="a.usa-pagination__next-page@href",
            date_order="MDY",
            name="dhs news updates",
        ),
        HtmlRecipe(  # justice.gov listings
            item="article.news-content-listing",
            title="h2.news-title a",
            link="h2.news-title a@href",
            date="div.node-date time, time@datetime",
            summary=".field_teaser, .field-formatter--smart-trim, p",
            next='a[aria-label="Next page"], a.usa-pagination__next-page@href',
            date_order="MDY",
            name="justice.gov listing",
        ),
    ),
    # Russia's Prosecutor General (Liferay): the news list /web/gprf/mass-media/news and its
    # regional twins /web/proc_NN/mass-media/news; then the home pages' portlet.
    "genproc": (
        HtmlRecipe(
            item="div.feeds-list__list_item",
            title="a.feeds-list__list_link",
            link="a.feeds-list__list_link@href",
            date="h4.feeds-list__list_date, .feeds-list__list_date",
            time="span.feeds-list__list_time_span-time",
            summary="p.feeds-list__list_text",
            next="a[rel=next], a.pagination__next, li.next a@href",
            date_order="DMY",
            name="news list",
            timezone="Europe/Moscow",
        ),
        HtmlRecipe(
            item="div.feeds-main-page-portlet__list_item",
            title="a.feeds-main-page-portlet__list_text",
            link="a.feeds-main-page-portlet__list_text@href",
            date=".feeds-main-page-portlet__list_date",
            date_order="DMY",
            name="home page portlet",
            timezone="Europe/Moscow",
        ),
    ),
    # Brazil's Federal Prosecution Service: the only evidence of its list is of 2017; the
    # Plone tile listing of gov.br sites second.
    "mpf": (
        HtmlRecipe(
            item="div#listaItems div.artigos2 > article, div.artigos2 > article",
            title="h2 > a",
            link="h2 > a@href",
            summary="p",
            category="div.categoria span",
            next="div#paginacao-mpf li.next a@href",
            date_order="DMY",
            name="2017 listing",
        ),
        HtmlRecipe(
            item="div.tileItem",
            title="h2.tileHeadline a",
            link="h2.tileHeadline a@href",
            date="span.documentPublished",
            summary="span.description, p.tileBody",
            category="span.subject",
            next="span.next a@href",
            date_order="DMY",
            name="plone tiles",
        ),
    ),
    # The UK's Crown Prosecution Service (cps.gov.uk/news?page=N): a headline and a teaser per
    # item and no date on the list (articles carry it: `fetch_article` with
    # `.cps-content__date`, as the catalogue's entry does).
    "cps": (
        HtmlRecipe(
            item="xpath://h3[a[@href]]/..",
            title="h3 > a",
            link="h3 > a@href",
            summary="p",
            next="li.pager__item--next a, a[rel=next]@href",
            date_order="DMY",
            name="news list",
        ),
    ),
    # Chile's Fiscalía (Drupal 10 views): "10/07/2025 | Nacional" is the date and the region.
    "fiscalia-chile": (
        HtmlRecipe(
            item="div.views-row > div.card-new, div.card-new",
            title="h4.title a",
            link="h4.title a@href",
            date="p.fecha",
            summary="div.field--name-body",
            image="div.card-img img@src",
            next="li.pager__item--next a[rel=next], li.pager__item--next a@href",
            date_order="DMY",
            name="drupal views",
        ),
    ),
    # India's Central Bureau of Investigation (cbi.gov.in/press-releases): its list's markup is
    # not evidenced; its articles are at /press-detail/<id>, which is what this reads.
    "cbi": (
        HtmlRecipe(
            item="xpath://tr[.//a[contains(@href, '/press-detail/')]]",
            title="a[href*='/press-detail/']",
            link="a[href*='/press-detail/']@href",
            # The cell whose text is a date such as 04-12-2026 (digits masked, then compared).
            date="xpath:./td[contains(translate(., '0123456789', '##########'), '##-##-####')"
            " or contains(translate(., '0123456789', '##########'), '##/##/####')"
            " or contains(translate(., '0123456789', '##########'), '##.##.####')]",
            next="a[rel=next], li.next a@href",
            date_order="DMY",
            name="table rows",
        ),
        HtmlRecipe(
            item="xpath://*[a[contains(@href, '/press-detail/')]][not(ancestor::tr)]",
            title="a[href*='/press-detail/']",
            link="a[href*='/press-detail/']@href",
            date="span.date, .date, time",
            next="a[rel=next], li.next a@href",
            date_order="DMY",
            name="press-detail links",
        ),
    ),
}
