"""The page's place search: a real name is found; a name past the length cap is refused with a
word and never reaches the gazetteer (a megabyte query would hold the server for seconds)."""
from __future__ import annotations

import gazetteer
import settings

from dashboard import views
from dashboard.model import DashboardModel
from control.data import load_default


def _texts(component) -> list[str]:
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    if not isinstance(children, (list, tuple)):
        children = [children]
    return [text for child in children for text in _texts(child)]


def test_a_known_name_is_found_where_it_is(tmp_path):
    model = DashboardModel(load_default, store_path=tmp_path / "s.db")
    place, suggestions = model.find_place("  Palmyra ")
    assert place is not None and suggestions == []
    assert abs(place.lat - 34.56) < 0.1 and abs(place.lon - 38.27) < 0.1


def test_an_overlong_name_is_not_searched_and_says_why(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(gazetteer, "resolve", lambda name, *a, **k: asked.append(name))
    monkeypatch.setattr(gazetteer, "suggest", lambda name, *a, **k: asked.append(name) or [])
    model = DashboardModel(load_default, store_path=tmp_path / "s.db")
    query = "Palmyra " * (settings.MAX_PLACE_QUERY_CHARS // 4)
    assert model.find_place(query) == (None, [])
    assert asked == []
    panel = views.place_not_found(query, [])
    text = " ".join(_texts(panel))
    assert "Not searched" in text and f"{settings.MAX_PLACE_QUERY_CHARS} characters" in text
    assert len(text) < 300  # the query itself is not echoed whole
