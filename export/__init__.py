"""Exports: the map as a report-ready page (PNG, SVG, PDF, HTML, GIF, MP4) and its data (GeoJSON, CSV).

- ``export.page``: ``snapshot_figure(state, view, ...)``, the map laid out as a page (title,
  date, legend, scale bar, credits), and the page's geometry (sizes, scale bar, viewport).
- ``export.legend``: what the legend lists for a view, shared with the live map's legend.
- ``export.render``: ``render(figure, fmt)`` and the one warm chromium behind every image
  (the page's exports and the command line's).
- ``export.data``: ``export_data(state, view, fmt)``, the view's data.
- ``export.reports``: how a report is named in credits and panels.
- ``export.cli``: ``python -m export`` (= ``python -m layers.snapshot``), snapshots and series.
"""
