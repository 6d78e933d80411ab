"""Moving with the keyboard in tests: where the focus is, whether it shows, Tab until somewhere."""

MAX_TABS = 80

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), rect = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', href: el.getAttribute('href') || '',
    name: (el.getAttribute('aria-label') || label || el.textContent || el.value || '')
      .replace(/\\s+/g, ' ').trim(),
    value: el.value === undefined ? null : el.value, checked: el.checked === undefined ? null : el.checked,
    focusVisible: el.matches(':focus-visible'),
    // The calendar button inside a date field: the focus is in the browser's own part of the field,
    // which draws its own focus ring (the field itself is not :focus then).
    browserPart: /^(date|datetime-local|time|month|week)$/.test(el.type) && !el.matches(':focus'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    inView: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def _describe(element: dict | None) -> str:
    if element is None:
        return "(nothing)"
    ident = f"#{element['id']}" if element["id"] else ""
    return f"{element['tag']}{ident} {element['name'][:40]!r}"


def assert_focus_visible(element: dict | None) -> None:
    assert element is not None, "the focus left the page"
    assert element["browserPart"] or (
        element["focusVisible"] and (element["outline"] or element["shadow"])
    ), f"{_describe(element)} has the focus but shows no focus indicator"
    assert element["inView"], f"{_describe(element)} has the focus outside the window"


def press(page, key: str) -> dict | None:
    page.keyboard.press(key)
    return focused(page)


def tab_to(page, predicate, key: str = "Tab", max_tabs: int = MAX_TABS) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; every stop must show its focus."""
    seen: list[str] = []
    for _ in range(max_tabs):
        element = press(page, key)
        if element is not None:  # past the last element the focus leaves the page, then comes back
            assert_focus_visible(element)
            if predicate(element):
                return element
        seen.append(_describe(element))
    raise AssertionError(
        f"{key} x{max_tabs} on {page.url} never reached the element; focus went through: {seen}"
    )


# Where the focus is now: a control seen before, the same one again (the day, month, year... of a
# date field are stops inside one <input>), or a new one, remembered.
STOP = """() => {
  const el = document.activeElement;
  if (el === window.lastStop) return 'same';
  window.lastStop = el;
  if (window.tabStops.has(el)) return 'seen';
  window.tabStops.add(el);
  return 'new';
}"""


def tab_through(page, max_tabs: int = 400) -> list[dict]:
    """Tab from the top of the page until the focus comes back round; every stop must show its focus."""
    page.evaluate("() => { window.tabStops = new WeakSet(); window.lastStop = null; }")
    stops: list[dict] = []
    for _ in range(max_tabs):
        element = press(page, "Tab")
        if element is None:
            if stops:
                return stops  # past the last element: the focus left the page
            continue
        stop = page.evaluate(STOP)
        if stop == "seen":
            return stops  # round again without leaving the page
        assert_focus_visible(element)
        if stop == "new":
            stops.append(element)
    raise AssertionError(f"Tab x{max_tabs} on {page.url} never came back round: a keyboard trap?")
