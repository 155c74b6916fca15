"""What the tests, the benchmarks and the scripts share at run time: building the project (or a copy),
the list of its pages and its navigation, serving the built site as GitHub Pages does, and driving a
headless Chromium against it. Nothing here is a test; nothing here reads data/ (macros.project does)."""
