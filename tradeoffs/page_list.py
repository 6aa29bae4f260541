"""The app's pages, in navigation order: (script, title). One list for the app, its tests and the
benchmarks; imports nothing, so a benchmark can read it before it points the store elsewhere."""

PAGES = (
    ("pages/overview.py", "Overview"),
    ("pages/explore.py", "Explore tradeoffs"),
    ("pages/decide.py", "Decide"),
    ("pages/trends.py", "Trends"),
    ("pages/costs.py", "Costs"),
    ("pages/shortlist.py", "Shortlist"),
    ("pages/compare.py", "Compare"),
    ("pages/data.py", "Data"),
)
PAGE_FILES = [script for script, _ in PAGES]
