"""Accessibility checks with axe-core (installed by npm through package-lock.json)."""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}


def preload_axe(page) -> None:
    """Load axe-core into every document `page` opens from now on (saves injecting it per check)."""
    page.add_init_script(path=str(AXE_SOURCE))


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page's current document; returns its WCAG 2.1 A/AA violations."""
    # After a form sends the page elsewhere, a check can start as soon as the new document's
    # markup is there: wait until its stylesheets are applied too, or colours are judged on
    # an unstyled page (seen once on a loaded machine: white header links on white).
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return result["violations"]


def assert_accessible(page) -> None:
    """Fail when axe-core finds a serious or critical violation on the page."""
    problems = [v for v in axe_violations(page) if v.get("impact") in BLOCKING]
    summary = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in problems
    )
    assert not problems, f"axe-core found serious/critical violations on {page.url}:\n{summary}"
