"""Screenshot a graph page offline (used for docs/screenshot-seed.png).

    .venv/bin/python tests/browser/screenshot.py output/graph.html docs/screenshot-seed.png [--hover 谢晓军]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def screenshot(page_path: Path, out: Path, hover: str | None = None) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-stabilized='1']", state="attached", timeout=60_000)
        page.wait_for_timeout(500)
        if hover:
            pos = page.evaluate("""(label) => { const g = window.mzgraph;
                const n = g.nodes.get().find(n => n.label === label);
                return g.network.canvasToDOM(g.network.getPositions([n.id])[n.id]); }""", hover)
            box = page.locator("#mz-network").bounding_box()
            page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
            page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--hover", help="label of a node whose tooltip to show")
    a = ap.parse_args()
    screenshot(a.page, a.out, a.hover)
