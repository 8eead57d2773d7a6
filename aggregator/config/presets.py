"""Selector presets for the news pages of agencies that publish no feed (DESIGN.md §4).

Each preset was written from the site's markup as recorded in the project's research notes and
is tested against a fixture page written in that markup (tests/data/pages/). Sites change: check
a preset with `aggregator preview ID` and override any selector in feeds.yaml.
"""

from __future__ import annotations

from aggregator.models import HtmlRecipe

PRESETS: dict[str, HtmlRecipe] = {
    # US federal sites on the U.S. Web Design System (justice.gov, dhs.gov, treasury.gov ...).
    "uswds": HtmlRecipe(
        item="li.usa-collection__item",
        title="h3.usa-collection__heading a",
        link="h3.usa-collection__heading a@href",
        date="time@datetime",
        summary="p.usa-collection__description, div.usa-collection__body > p",
        image="img.usa-collection__img@src",
        next="a.usa-pagination__next-page@href",
        date_order="MDY",
    ),
    # Russia's Prosecutor General (Liferay portlet): epp.genproc.gov.ru/web/gprf/mass-media/news
    "genproc": HtmlRecipe(
        item="div.feeds-main-page-portlet__list_item",
        title="a.feeds-main-page-portlet__list_text",
        link="a.feeds-main-page-portlet__list_text@href",
        date=".feeds-main-page-portlet__list_date",
        next="a.pagination__next@href",
        date_order="DMY",
    ),
    # Brazil's Federal Prosecution Service (Plone listing): www.mpf.mp.br/pgr/noticias-pgr
    "mpf": HtmlRecipe(
        item="div.tileItem",
        title="h2.tileHeadline a",
        link="h2.tileHeadline a@href",
        date="span.documentPublished",
        summary="span.description",
        category="span.subject",
        next="span.next a@href",
        date_order="DMY",
    ),
    # UK Crown Prosecution Service (Drupal views): www.cps.gov.uk/news
    "cps": HtmlRecipe(
        item="div.views-row",
        title="h3 > a",
        link="h3 > a@href",
        date=".date-display-single, time",
        summary=".views-field-field-summary",
        next="li.pager__item--next a@href",
        date_order="DMY",
    ),
    # Chile's Fiscalía Nacional: www.fiscaliadechile.cl/actualidad/noticias/nacionales
    "fiscalia-chile": HtmlRecipe(
        item="article.noticia",
        title="h3 a",
        link="h3 a@href",
        date="span.fecha",
        summary="p.bajada",
        image="img@src",
        next="a.siguiente@href",
        date_order="DMY",
    ),
    # India's Central Bureau of Investigation press releases (a table): cbi.gov.in/press-release
    "cbi": HtmlRecipe(
        item="table.press-release tbody tr",
        title="td.title a",
        link="td.title a@href",
        date="td.date",
        next="a.next@href",
        date_order="DMY",
    ),
}
