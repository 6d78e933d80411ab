"""Every page type, in the four interface languages: no axe violation, no horizontal scrolling.

One data set is seeded for the whole module (``clean_tables`` is overridden below) and one browser
context is opened per (role, language), its language chosen with the ``locale`` cookie. Each page is
loaded once at 1280 px wide and audited with axe (WCAG 2.1 A and AA); the same page is then resized,
without reloading, to check the layout:

- 320 px wide (WCAG 1.4.10 reflow);
- 200% zoom: a 1280 x 720 window zoomed to 200% lays pages out in a 640 x 360 CSS-pixel viewport
  with a device pixel ratio of 2. The contexts are opened with ``device_scale_factor=2`` so that
  ``set_viewport_size(640 x 360)`` is exactly that layout;
- 320 px again with the text spacing of WCAG 1.4.12, then with every word made 40% longer, as Dutch
  and French labels may be once the catalogs are complete (English pages only: the others show the
  same text until then).

A layout passes when nothing is wider than the window: neither the document (scrollWidth) nor any
element (its right edge), except inside a box that scrolls on its own (a wide table); and no box
that hides its overflow cuts off its content. Ids must be unique on every page. On every page type
(in English) Tab reaches every control, the skip link first, and each shows its focus.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from community.auth import services as auth_services
from community.auth.models import Role
from community.events.services import EventDetails
from community.events.services import create_event as add_event
from community.forum import services as forum
from community.labs.content import add_resource
from community.moderation import services as moderation
from community.moderation.models import Action, FlagReason, TargetKind
from tests.conftest import empty_tables
from tests.e2e.browsing import sign_in
from tests.e2e.conftest import NOT_LOOPBACK, axe_violations
from tests.e2e.keyboard import tab_through
from tests.factories import (
    DEFAULT_PASSWORD,
    add_member,
    get_lab,
    get_user,
    make_comment,
    make_initiative,
    make_lab,
    make_profile,
    make_user,
)

pytestmark = pytest.mark.e2e

LANGUAGES = ("en", "es", "fr", "nl")
WIDE, NARROW, ZOOMED = (1280, 800), (320, 640), (640, 360)


@dataclass(frozen=True)
class PageType:
    name: str
    who: str  # visitor, member or moderator
    path: str  # formatted with the seeded ids
    status: int = 200
    submit: str | None = None  # a submit button to press with the form left empty: errors shown
    forge_csrf: bool = False  # send the form with a forged CSRF token
    shows: str = "main h1"  # what proves the page is in the state meant (CSS selector)

    def __str__(self) -> str:
        return self.name


EMPTY_FORM = "main form[novalidate] button[type=submit]:not([name=preview])"
PAGES = [
    PageType("home", "visitor", "/"),
    PageType("initiatives", "visitor", "/initiatives/", shows=".initiative-card"),
    PageType(
        "initiatives-filtered",
        "visitor",
        "/initiatives/?sector=agriculture&country=LC&sort=useful",
        shows=".initiative-card",
    ),
    PageType("category", "visitor", "/initiatives/categories/agriculture", shows=".initiative-card"),
    PageType("tag", "visitor", "/initiatives/tags/farmers", shows=".initiative-card"),
    PageType("initiative-visitor", "visitor", "/initiatives/{initiative}", shows=".replies .comment"),
    PageType("initiative", "member", "/initiatives/{initiative}", shows=".replies .comment"),
    PageType("initiative-moderator", "moderator", "/initiatives/{initiative}", shows=".replies .comment"),
    PageType(
        "reply-with-quote",
        "member",
        "/initiatives/{initiative}/comments/{comment}/reply",
        shows=".quoted-comment blockquote",
    ),
    PageType(
        "new-initiative-errors",
        "member",
        "/initiatives/new",
        status=400,
        submit=EMPTY_FORM,
        shows=".error-summary",
    ),
    PageType("register-errors", "visitor", "/auth/register", submit=EMPTY_FORM, shows=".error-summary"),
    PageType("sign-in-errors", "visitor", "/auth/login", submit=EMPTY_FORM, shows=".error-summary"),
    PageType("password-reset-errors", "visitor", "/auth/reset", submit=EMPTY_FORM, shows=".error-message"),
    PageType("profile", "member", "/members/amara", shows=".profile-header"),
    PageType("profile-visitor", "visitor", "/members/amara", shows=".profile-header"),
    PageType("directory", "member", "/members/", shows=".member-card"),
    PageType(
        "directory-filtered",
        "member",
        "/members/?q=amara&country=LC&expertise=agritech&language=en",
        shows=".member-card",
    ),
    PageType("labs", "visitor", "/labs/", shows=".lab-card"),
    PageType("labs-filtered", "visitor", "/labs/?theme=agriculture", shows=".lab-card"),
    PageType("lab", "member", "/labs/agriculture", shows=".event-list .event"),
    PageType("lab-events", "moderator", "/events/?lab=agriculture", shows=".event"),
    PageType("lab-resources", "moderator", "/labs/agriculture/resources", shows=".resource"),
    PageType("lab-people", "moderator", "/labs/agriculture/people", shows=".table-scroll table"),
    PageType("propose-lab-errors", "member", "/labs/propose", submit=EMPTY_FORM, shows=".error-summary"),
    PageType(
        "moderation-queue",
        "moderator",
        "/moderation/",
        shows="main:has([id^=flagged-]):has([id^=held-]):has([id^=applicant-])",
    ),
    PageType("moderation-audit", "moderator", "/moderation/audit", shows=".audit-table"),
    PageType("moderation-member", "moderator", "/moderation/members/{flagged_author}", shows=".audit-table"),
    PageType("moderation-alerts", "moderator", "/moderation/alerts"),
    PageType("lab-proposals", "moderator", "/labs/proposals", shows=".lab-card, .card"),
    PageType("search-hits", "visitor", "/search?q=registry", shows=".search-hit"),
    PageType("search-members", "visitor", "/search?q=amara&kind=member", shows=".search-hit"),
    PageType("search-no-hits", "visitor", "/search?q=zzyzx"),
    PageType("events", "visitor", "/events/", shows=".event-list .event"),
    PageType("event", "member", "/events/{event}", shows=".event-when"),
    PageType(
        "event-evaluate-errors",
        "member",
        "/events/{event}/evaluate",
        status=400,
        submit=EMPTY_FORM,
        shows=".error-summary",
    ),  # fmt: skip
    PageType(
        "new-event-errors", "moderator", "/events/new", status=400, submit=EMPTY_FORM, shows=".error-summary"
    ),
    PageType("event-participants", "moderator", "/events/{event}/manage", shows=".choices"),
    PageType("event-report", "moderator", "/events/{event}/report", shows="svg.chart"),
    PageType("series-report", "moderator", "/events/series/{series}/report", shows=".table-scroll table"),
    PageType("my-events", "member", "/events/mine", shows=".event-list .event"),
    PageType("settings", "member", "/settings/"),
    PageType("settings-profile", "member", "/settings/profile"),
    PageType("settings-avatar", "member", "/settings/avatar"),
    PageType("settings-privacy", "member", "/settings/privacy"),
    PageType(
        "settings-password-errors", "member", "/settings/password", submit=EMPTY_FORM, shows=".error-summary"
    ),
    PageType("settings-email", "member", "/settings/email"),
    PageType("settings-notifications", "member", "/settings/notifications"),
    PageType("settings-delete", "member", "/settings/delete"),
    PageType(
        "settings-tokens-errors", "member", "/settings/tokens/", 400, EMPTY_FORM, shows=".error-summary"
    ),
    PageType("api-docs", "visitor", "/api/docs", shows="#problem-invalid-cursor"),
    PageType("notifications", "member", "/notifications", shows=".notification.unread"),
    PageType("dashboard", "member", "/", shows="#new-title"),
    PageType("get-started", "member", "/welcome", shows="progress"),
    PageType("watching", "member", "/watching", shows=".watch-list"),
    PageType("bookmarks", "member", "/bookmarks", shows=".bookmark-list"),
    PageType("messages", "member", "/messages/", shows=".conversation"),
    PageType("conversation", "member", "/messages/{conversation}", shows=".message-body"),
    PageType("new-message-errors", "member", "/messages/new", submit=EMPTY_FORM, shows=".error-summary"),
    PageType("message-settings", "member", "/messages/settings"),
    PageType("accessibility-statement", "visitor", "/accessibility"),
    PageType("error-404", "visitor", "/initiatives/999999", status=404),
    PageType("error-403", "member", "/moderation/", status=403),
    PageType("error-400-csrf", "visitor", "/auth/login", status=400, forge_csrf=True),
]


@pytest.fixture
def clean_tables():
    """The tests of this module share one data set: ``site`` empties the tables after the last one."""
    yield


@pytest.fixture(scope="module")
def site(app):
    """Seed everything the page types show, once; the ids the paths need."""
    with app.app_context():
        ids = _seed(app)
    yield ids
    empty_tables(app)


def _seed(app) -> dict:
    amara, diego = make_user(username="amara"), make_user(username="diego")
    moderator = make_user(username="mod-helper", role=Role.MODERATOR)
    for language in LANGUAGES:
        make_user(username=f"mod-{language}", role=Role.MODERATOR)
    make_profile(
        amara,
        display_name="Amara Joseph",
        headline="Farmer registries",
        country="LC",
        expertise=["agritech"],
        languages=["en", "fr"],
        bio="Extension officer turned *CIO*.",
    )
    _seed_lab(amara, moderator)
    initiative, question = _seed_discussion(amara, diego)
    _seed_moderation(app, amara, diego, moderator, question)
    event, series = _seed_events(moderator)
    conversation = _seed_people(amara, initiative)
    return {
        "initiative": initiative.id, "comment": question.id, "flagged_author": diego.id,
        "event": event.id, "series": series.id, "conversation": conversation.id,
    }  # fmt: skip


def _seed_events(moderator):
    """A past session of a series that every language's member attended; one of them evaluated it."""
    from community.events import services as events
    from community.events.models import Evaluation, Registration
    from community.extensions import db
    from community.utils import utcnow

    series = events.create_series(moderator, None, "Capability clinics")
    start = utcnow().replace(microsecond=0) - timedelta(days=2)
    details = EventDetails(
        "Clinic 1", start, start + timedelta(hours=2), "America/Port_of_Spain", "Bring your *assessment*.",
        "https://meet.example.org/c", series_id=series.id,
    )  # fmt: skip
    event = events.create_event(moderator, None, details)
    for language in LANGUAGES:
        member = get_user(f"member-{language}")
        db.session.add(Registration(event_id=event.id, user_id=member.id))
    diego = get_user("diego")
    db.session.add(Registration(event_id=event.id, user_id=diego.id))
    db.session.add(Evaluation(event_id=event.id, user_id=diego.id, rating=4, liked="The examples."))
    db.session.commit()
    return event, series


def _seed_people(amara, initiative):
    """A conversation of amara with each language's member, who also watch the lab and saved the case."""
    from community.home import keeping
    from community.home import services as home
    from community.home.models import WatchKind, WatchLevel
    from community.messages import services as messages
    from tests.factories import get_user

    members = [get_user(f"member-{language}") for language in LANGUAGES]
    for member in members:
        home.set_watch(member, WatchKind.LAB, "agriculture", WatchLevel.WATCHING)
        keeping.add_bookmark(member, initiative, None, None)
    return messages.start_conversation(amara, members, "Your registry", "Hello, *everyone*.")


def _seed_discussion(amara, diego):
    """An initiative with a quote, a reply, a French comment; each language's member follows it."""
    initiative = make_initiative(
        amara,
        title="A farmers' registry for Saint Lucia",
        category="agriculture",
        sector="agriculture",
        tags=["farmers", "registry"],
        sdgs=[2, 9],
        lab="agriculture",
    )
    question = make_comment(initiative, diego, body="> One register for everyone?\n\nHow did you **start**?")
    make_comment(initiative, amara, body="With the cooperatives, @diego.", parent=question)
    forum.add_comment(diego, initiative, "Nous l'avons fait aussi en Haïti.", language="fr")
    for language in LANGUAGES:  # commenting follows the initiative: the next comment notifies them
        member = make_user(username=f"member-{language}")
        make_comment(initiative, member, body=f"Useful for us ({language}).")
    make_comment(initiative, amara, body="An update for the followers: the registry is open.")
    return initiative, question


def _seed_moderation(app, amara, diego, moderator, question) -> None:
    """An open flag, entries in the audit log, a held first post, an applicant, a lab proposal."""
    spam = make_initiative(diego, title="Cheap watches for ministries", category="agriculture")
    moderation.flag(amara, TargetKind.INITIATIVE, spam, FlagReason.SPAM, "An advertisement.")
    moderation.act_on_content(moderator, Action.HIDE, TargetKind.COMMENT, question, "Checking a claim")
    moderation.act_on_content(moderator, Action.RESTORE, TargetKind.COMMENT, question, "Checked")
    with pytest.MonkeyPatch.context() as settings:
        settings.setitem(app.config, "FIRST_POSTS_NEED_APPROVAL", True)
        settings.setitem(app.config, "MEMBERSHIP_VETTING", True)
        make_initiative(make_user(username="newcomer"), title="Our first post, waiting for approval")
        auth_services.register("applicant@agency.gov.example", "applicant", DEFAULT_PASSWORD)
    make_lab(name="Coastal resilience lab", approve=False)


def _seed_lab(lead, moderator) -> None:
    """The Agriculture Innovation Lab with a lead, an event to come and a resource."""
    lab = get_lab()
    add_member(lab, lead, role="lead")
    starts = datetime.now().replace(microsecond=0, second=0) + timedelta(days=30)
    details = EventDetails(
        "Farmer registries: what works",
        starts,
        starts + timedelta(hours=2),
        "America/Port_of_Spain",
        "Bring your registry.",
        "https://meet.example.org/agri",
    )
    add_event(moderator, lab, details)
    add_resource(
        moderator,
        lab,
        "FAO guide to farmer registries",
        "A guide.",
        url="https://www.fao.example.org/registries",
    )


@pytest.fixture(scope="module")
def tabs(browser, base_url, site):
    """One open page per (role, language), signed in as that role's member for that language."""
    pages: dict[tuple[str, str], object] = {}
    blocked: list[str] = []

    def open_page(who: str, language: str):
        if (who, language) not in pages:
            context = browser.new_context(viewport=_size(WIDE), device_scale_factor=2, bypass_csp=True)
            context.route(NOT_LOOPBACK, lambda route: (blocked.append(route.request.url), route.abort()))
            context.add_cookies([{"name": "locale", "value": language, "url": base_url}])
            page = context.new_page()
            if who != "visitor":
                sign_in(page, base_url, f"{'mod' if who == 'moderator' else 'member'}-{language}")
            pages[who, language] = page
        return pages[who, language]

    yield open_page
    for page in pages.values():
        page.context.close()
    assert blocked == [], f"the site asked another host for {blocked}"


def _size(size: tuple[int, int]) -> dict:
    return {"width": size[0], "height": size[1]}


def _open(page, base_url: str, page_type: PageType, site: dict):
    response = page.goto(base_url + page_type.path.format(**site))
    if page_type.forge_csrf:
        page.locator("main input[name=csrf_token]").evaluate("input => { input.value = 'forged'; }")
        page.locator("#identifier").fill("amara")
        page.locator("#password").fill(DEFAULT_PASSWORD)
    if page_type.submit or page_type.forge_csrf:
        with page.expect_navigation() as navigation:
            page.locator(page_type.submit or EMPTY_FORM).first.click()
        response = navigation.value
    return response


OVERFLOWING = """() => {
  const width = window.innerWidth, found = [];
  const page = document.documentElement.scrollWidth;
  if (page > width) found.push(`the page is ${page} px wide`);
  const scrollsAlone = el => {  // inside a box that scrolls and clips it (not a positioned box's child)
    const position = getComputedStyle(el).position;
    let outOfFlow = position === 'absolute' || position === 'fixed';
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (outOfFlow && position === 'absolute' && style.position !== 'static') outOfFlow = false;
      if (!outOfFlow && ['auto', 'scroll'].includes(style.overflowX)) return true;
    }
    return false;
  };
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.classList.value.replace(/ /g, '.') : '')
    + ` "${(el.textContent || '').trim().slice(0, 40)}"`;
  for (const el of document.body.querySelectorAll('*')) {
    if (el.parentElement.closest('.visually-hidden')) continue;  // clipped by it
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && !scrollsAlone(el)) found.push(`${describe(el)} ends at ${Math.round(right)} px`);
    const style = getComputedStyle(el);
    if (el.matches('.visually-hidden, input, select, textarea')) continue;  // these clip or scroll by design
    if ([style.overflowX, style.overflowY].some(o => o === 'hidden' || o === 'clip')
        && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
      found.push(`${describe(el)} cuts off its content`);
    }
  }
  return found.slice(0, 8);
}"""

LONGER_WORDS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    node.data = node.data.replace(/\\p{L}{3,}/gu, word => word + word.slice(0, Math.ceil(word.length * .4)));
  }
}"""


DUPLICATE_IDS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""

# WCAG 1.4.12: a reader's own style sheet may space text out this much; nothing may be lost.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""


def _overflow_at(page, size: tuple[int, int]) -> list[str]:
    page.set_viewport_size(_size(size))
    return page.evaluate(OVERFLOWING)


@pytest.mark.parametrize("page_type", PAGES, ids=str)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_accessible_and_reflows(tabs, base_url, site, language, page_type):
    page = tabs(page_type.who, language)
    page.set_viewport_size(_size(WIDE))
    response = _open(page, base_url, page_type, site)
    assert response.status == page_type.status, f"{page.url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(page_type.shows).count(), f"{page.url} shows no {page_type.shows}"

    violations = axe_violations(page)
    assert violations == [], f"axe found WCAG violations on {page.url} ({language}): {violations}"
    assert page.evaluate(DUPLICATE_IDS) == [], "ids must be unique (WCAG 2.1 4.1.1; labels point at them)"
    for size in (WIDE, NARROW, ZOOMED):
        overflow = _overflow_at(page, size)
        assert overflow == [], f"{page.url} ({language}) scrolls sideways at {size[0]} px: {overflow}"
    if language == "en":
        spacing = page.add_style_tag(content=TEXT_SPACING)
        overflow = _overflow_at(page, NARROW)
        assert overflow == [], f"{page.url} with WCAG 1.4.12 text spacing fails at 320 px: {overflow}"
        spacing.evaluate("style => style.remove()")
        page.evaluate(LONGER_WORDS)
        overflow = _overflow_at(page, NARROW)
        assert overflow == [], f"{page.url} with 40% longer words scrolls sideways at 320 px: {overflow}"


def test_every_rule_of_the_style_sheet_outside_media_queries_applies_at_every_width(tabs, base_url):
    """A brace left open swallows the rest of the style sheet into a media query (it did, for a while)."""
    page = tabs("visitor", "en")
    page.goto(base_url + "/")
    nested = page.evaluate(
        """() => [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
            .filter(rule => rule instanceof CSSMediaRule)
            .flatMap(rule => [...rule.cssRules]
                .filter(inner => inner instanceof CSSConditionRule)
                .map(inner => `${rule.conditionText} > ${inner.conditionText}`))"""
    )
    assert nested == []


LANGUAGE_OF = "el => el.closest('[lang]').lang"


def test_posts_are_read_in_their_own_language_and_interface_text_in_the_interface_language(
    tabs, base_url, site
):
    """WCAG 3.1.2: an English post on the French interface is marked English; its language badge is not."""
    page = tabs("visitor", "fr")
    page.goto(base_url + f"/initiatives/{site['initiative']}")
    assert page.locator("h1").evaluate(LANGUAGE_OF) == "en"
    assert page.locator(".lead").first.evaluate(LANGUAGE_OF) == "en"
    assert page.locator(".comment-body", has_text="Nous l'avons fait").evaluate(LANGUAGE_OF) == "fr"
    badges = page.locator(".badge-language")
    assert badges.count() > 1
    assert {badges.nth(i).evaluate(LANGUAGE_OF) for i in range(badges.count())} == {"fr"}

    page.goto(base_url + "/initiatives/")
    card = page.locator(".initiative-card", has_text="A farmers' registry")
    assert card.locator(".card-title").evaluate(LANGUAGE_OF) == "en"
    assert card.locator(".card-summary").evaluate(LANGUAGE_OF) == "en"
    assert card.locator(".badge-language").evaluate(LANGUAGE_OF) == "fr"


# Visible, enabled controls; a group of radio buttons is one Tab stop (arrow keys move inside it).
FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter((el, index, all) => el.type !== 'radio'
    || all.findIndex(other => other.type === 'radio' && other.name === el.name) === index)
  .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${(el.textContent || el.name).trim()}`)
"""


@pytest.mark.parametrize("page_type", PAGES, ids=str)
def test_every_control_is_reached_with_tab_and_shows_its_focus(tabs, base_url, site, page_type):
    page = tabs(page_type.who, "en")
    page.set_viewport_size(_size(WIDE))
    _open(page, base_url, page_type, site)
    controls = page.evaluate(FOCUSABLE)
    stops = tab_through(page)
    assert stops[0]["href"] == "#main", "the skip link comes first"
    assert len(stops) == len(controls), f"Tab reached {len(stops)} of {page.url}'s controls: {controls}"
