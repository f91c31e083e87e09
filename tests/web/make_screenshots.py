"""Screenshots of every page for docs/web.md, in headless Chromium (not a test).

    .venv/bin/python -m tests.web.make_screenshots DB [OUT_DIR] [--dyad A,B]

Serves DB on a free localhost port and writes search.png, timeline.png, network.png,
map.png and event.png into OUT_DIR (default docs/screenshots).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

from .test_browser import BROWSER_ARGS, _chromium


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--dyad", default=None, help="dyad for the timeline (default: the largest one)")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from eventcoder.store import EventFilter, Store
    from eventcoder.web import create_app

    with Store(args.db, readonly=True) as store:
        dyad = args.dyad
        if dyad is None:
            top = [r for r in store.top_dyads(10) if r.key[0][:3] != r.key[1][:3]]
            dyad = ",".join(top[0].key)
        first = store.events(EventFilter(dyad=tuple(dyad.split(",")), limit=50))
        sample = next((e for e in first if e.evidence and e.evidence.source_span and e.evidence.target_span), first[0])

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    args.out.mkdir(parents=True, exist_ok=True)
    shots = [
        ("search", f"/search?dyad={dyad}", None),
        ("timeline", f"/timeline?dyad={dyad}", "#timeline[data-drawn=true]"),
        ("network", "/network?edges=60", "#network[data-drawn=true]"),
        ("map", "/map", "#map[data-drawn=true]"),
        ("event", f"/events/{sample.event_id}", None),
    ]
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=_chromium(), headless=True, args=BROWSER_ARGS,
            viewport={"width": 1280, "height": 860},
        )
        page = context.new_page()
        for name, path, ready in shots:
            page.goto(base + path)
            if ready:
                page.wait_for_selector(ready, timeout=30_000)
                page.wait_for_timeout(500)
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=False)
            print(f"{name}: {base + path}")
        context.close()
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main()
