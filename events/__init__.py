"""Events from war reports: who captured, attacked or besieged which place, when, how surely.

Reading (text -> events), one module per idea: ``documents`` (files -> text, title, URL, date),
``sentences`` (offsets, headings, citation marks), ``infobox`` (a campaign page's Date / Place
/ Result rows), ``dates`` (expressions -> spans), ``actors`` (sides and units,
data/factions.yaml), ``actions`` (trigger words and their grammatical form), ``clauses``
(clause limits, plans, negation), ``placing`` (which gazetteer mentions are event places),
``certainty``, ``sides`` (an event's actor and target: which side named acts, which suffers it),
``extract`` (the reader that ties them together); ``spans`` and ``folding`` keep the reading
linear and fast on any text (sorted-span overlap tests, case-insensitive patterns run on
lower-cased text).

Keeping and sharing: ``store`` (SQLite: documents, events, decisions), ``ingest``,
``export`` (CSV, GeoJSON, GeoPackage), ``defaults`` (the committed seed events),
``evaluate`` (scoring against the seed gold and, as ../shared/tools/score.py does, a gold
corpus folder such as ../shared/dev), ``cli`` (``python -m events ...``).

Entry points: ``events.extract.extract(document, place_finder=None)``,
``events.defaults.load_default_events()``, ``events.store.load_events(path)``.
A place finder is any ``text -> list[gazetteer.Mention]``; the default is the project
gazetteer's ``geoparse``.
"""
