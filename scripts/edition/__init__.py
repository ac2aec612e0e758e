"""Annotated digital edition: primary sources in, Markdown pages for MkDocs out.

The stages, one module each: `sources` (find and decode files) → `readers` (parse
each kind of source into the `model`) → `annotate` (footnotes, cross-links) →
`render` (Markdown through Jinja2 templates) → `output` (atomic writes). `build.build`
runs them in order.
"""
