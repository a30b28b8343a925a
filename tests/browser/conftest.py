"""Headless Chromium (the system's /usr/bin/chromium) driven by Playwright, with the network cut off."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@dataclass
class OfflinePage:
    """A page whose every non-file:// request is aborted and recorded, with its console errors."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-stabilized='1']", state="attached", timeout=60_000)


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    op = OfflinePage(page)

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            op.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: op.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: op.errors.append(str(e)))
    page.on("requestfailed", lambda r: None if r.url in op.blocked or r.url.startswith("file:")
            else op.blocked.append(r.url))
    yield op
    context.close()
