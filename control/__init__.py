"""Who holds what on a date: the control baseline, the events, the rules, territory and area.

Data flow (each arrow plain data; nothing here draws — ``layers`` does):

    data.load_default() -> MapData (baseline, events, their reports' dates, base map)
      -> model.ControlModel: the day-by-day replay of the rules over places and ground points
      -> state.compute(data, day) -> MapState (places, territory, every point's evidence)
      -> area.area_table(data, days): km² and share of Syria per faction

Modules, in that order:

- ``baseline``: the baseline rows (``data/control/baseline.csv``), evidence dated ``as_of``;
- ``data``: ``MapData`` and the readers of the committed data and of ``--events`` files;
- ``points``: the places and the ground points between them (communities, a grid), radii, river
  sides (banks from the administrative areas), which place an event is about;
- ``weights``: how much an event is believed, and the bar each rule sets;
- ``evidence``: the kinds of evidence a state rests on;
- ``captures``: reports about a place itself, summaries, same-day reversals, contested places,
  cities known in parts;
- ``sweep``: an advance takes the ground it crossed;
- ``areas``: a report that an area was taken flips the ground inside it (``AreaIndex``);
- ``pockets``: ground cut off or encircled falls to the encircler; standing enclaves, allies;
- ``model``: the replay (and sieges), ``PlaceControl``, per-day snapshots;
- ``territory``: nearest-point cells dissolved by holder; contested, besieged, no data;
- ``front_lines``: where two sides' grounds meet;
- ``state``: one date's ``MapState``, cached; ``area``: the area table;
- ``geo``: the equal-area projection everything is computed in; ``csvfiles``: CSV reading.

Each rule is written at the top of the module applying it, with its reasons, and tested in
``tests/test_control_rules.py`` (``tests/test_control.py`` for the place rules,
``tests/test_control_facts.py`` for the default map against dated public facts).
"""
