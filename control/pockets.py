"""Pockets: ground of a side cut off inside another's passes to the encircler.

- **Cut off.** Each day, a side's ground splits into connected parts (points whose cells share
  an edge on the same side of the Euphrates, or across it where the side holds both banks;
  ground nobody is known to hold joins the parts it touches, since who holds it is not known
  and it may be a way through, and so does an ally's, ``ALLIES``). A part is *cut off* when it reaches no border of Syria (a
  side can be supplied across a border) and all its edges over land meet other sides' ground
  (the river facing a rival is a wall); its encircler is the side with the longest common
  edge. Its points are *besieged*.
- **Encircled.** A report that E encircled (``encircle``) a place held by L makes L's points
  within ``ENCIRCLE_KM`` of it on its bank of the Euphrates (or, for an area, inside it) a
  pocket from that day, cut off or not: the town across the river is another front (Abu Kamal's
  ring is not Baghuz's); a ``siege`` marks the place besieged (``control.model``) without a clock.
- **The fall.** A pocket passes whole to its encircler (cut off by several sides: each point
  to the side whose ground on the same bank of the river is nearest to it) when E captures one of its points or L
  withdraws from one (the pocket was taken, cleared or evacuated), else ``POCKET_DAYS`` after it
  was cut off or encircled, if it still is: a pocket that cannot be resupplied does not hold out
  long (the 2017 pockets — Qaryatayn, Uqayribat, Mayadin — fell within weeks), and its ground
  shows the fall as evidence of its own, dated, so it reads as inferred.
- **Cities hold out.** A pocket holding a city the map knows in parts (``control.captures``:
  Raqqa, Deir ez-Zor) has no clock: a besieged city held for months (Raqqa, June–October 2017)
  and falls to reports, district by district.
- **Standing enclaves.** A part already cut off on the baseline's date (Deir ez-Zor, Eastern
  Ghouta, Fua and Kafraya, the Rastan pocket) has held for years: it is besieged but has no
  clock, and it does not fall whole when one of its places is taken or evacuated (Qaboun's
  evacuation in May 2017 left Douma and the rest of Eastern Ghouta rebel until April 2018):
  it loses what reports name and what their sweeps and area statements take.
- A pocket that reconnects to its side's ground (a break-out, a relief, a link-up) is no
  longer one; its clock stops. A pocket a report relieves (a siege lifted, a link-up) is over,
  and ground a report relieved is no pocket even while the map's corridor to it is still thin
  or missing (only a new report of a siege besieges it again).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from control import evidence
from events.vocabulary import FACTIONS

POCKET_DAYS = 30
ENCIRCLE_KM = 5.0
# Sides that do not besiege each other: in 2017 Idlib the FSA groups and HTS shared the
# opposition's rear (Bab al-Hawa), fighting each other only at times.
ALLIES = (("rebels", "hts"),)


@dataclass
class Pocket:
    members: np.ndarray          # point indices (the loser's, when it was found)
    loser: int
    encircler: int               # the side with the longest common edge
    formed: int                  # ordinal day
    falls: int | None            # ordinal day of the default fall; None: a standing enclave
    stated: bool = False         # encircled by a report (not found by the cut-off test)
    standing: bool = False       # cut off already on the baseline's date
    event: int = -1              # the event that encircled it, if any
    alive: bool = field(default=True)


def components(world, codes: np.ndarray) -> np.ndarray:
    """A component label per point: points joined by a shared cell edge, same holder, same
    river side (unknown points stay alone)."""
    t = world.tess
    i, j = t.edge_i, t.edge_j
    side = world.points.side
    same = (codes[i] == codes[j]) & (codes[i] >= 0) & (side[i] == side[j])
    n = len(codes)
    graph = coo_matrix((np.ones(int(same.sum()), dtype=np.int8), (i[same], j[same])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def cut_off(world, codes: np.ndarray) -> list[tuple[np.ndarray, int, np.ndarray]]:
    """(points, holder, encirclers) for every part of a side's ground cut off by others
    (``encirclers``: their codes, the one with the longest common edge first)."""
    t = world.tess
    i, j = t.edge_i, t.edge_j
    land = world.points.side[i] == world.points.side[j]
    n = len(codes)
    # Its own ground on both banks is one: a side crosses where it holds both (bridges, dams,
    # boats); the river is a wall only between rivals.
    joined = (codes[i] == codes[j]) & (land | (codes[i] >= 0))
    graph = coo_matrix((np.ones(int(joined.sum()), dtype=np.int8), (i[joined], j[joined])), shape=(n, n))
    size, labels = connected_components(graph, directed=False)
    code_of = np.full(size, -1, dtype=int)
    code_of[labels] = codes
    border = np.zeros(size, dtype=bool)
    border[labels[t.border_m > 1.0]] = True
    # Component adjacency over land, both ways: (component, neighbour component, edge length).
    cross = land & (labels[i] != labels[j])
    a = np.concatenate([labels[i[cross]], labels[j[cross]]])
    b = np.concatenate([labels[j[cross]], labels[i[cross]]])
    length = np.concatenate([t.edge_length_m[cross], t.edge_length_m[cross]])
    # Per side, its parts with the unknown ground joined to them (who holds it is not known,
    # so it may be a way through): a group is cut off when it reaches no border and its land
    # edges out all meet rivals. Most parts touch no unknown ground and are their own group.
    nf = len(FACTIONS)
    unknown = code_of < 0
    ally = np.zeros((nf, nf), dtype=bool)
    for one, other in ALLIES:
        ally[FACTIONS.index(one), FACTIONS.index(other)] = ally[FACTIONS.index(other), FACTIONS.index(one)] = True
    # Rivals only: an ally's ground is not a ring (and, like unknown ground, may be a way out).
    rival_pair = ~unknown[a] & ~unknown[b]
    rival_pair[rival_pair] = ~ally[code_of[a[rival_pair]], code_of[b[rival_pair]]]
    sides = np.bincount(a[rival_pair] * nf + code_of[b[rival_pair]], weights=length[rival_pair],
                        minlength=size * nf).reshape(size, nf)
    passable = ~unknown[a] & ~rival_pair & (code_of[a] != code_of[b])   # unknown or allied ground next door
    touches_passable = np.bincount(a[passable], minlength=size) > 0
    cut = ~unknown & ~border & ~touches_passable & (sides.sum(axis=1) > 0)
    group = np.where(cut, np.arange(size), -1)         # the group each cut-off part belongs to
    weight = {int(c): sides[c] for c in np.flatnonzero(cut)}
    for holder in np.unique(code_of[touches_passable]):
        member = (code_of == holder) | unknown | (~unknown & ally[holder][np.maximum(code_of, 0)])
        inner = member[a] & member[b]
        groups = connected_components(coo_matrix((np.ones(int(inner.sum()), dtype=np.int8), (a[inner], b[inner])),
                                                 shape=(size, size)), directed=False)[1]
        mine = (code_of == holder) & touches_passable
        if not mine.any():
            continue
        n_groups = groups.max() + 1
        open_ = np.bincount(groups[member & border], minlength=n_groups) > 0
        edge_out = member[a] & ~member[b]
        out_sides = np.bincount(groups[a[edge_out]] * nf + code_of[b[edge_out]], weights=length[edge_out],
                                minlength=n_groups * nf).reshape(n_groups, nf)
        for c in np.flatnonzero(mine):
            g = groups[c]
            if not open_[g] and out_sides[g].sum() > 0:
                group[c] = size + g                       # merged groups get ids past the parts'
                weight[size + g] = out_sides[g]
    out = []
    chosen = np.flatnonzero(group[labels] >= 0)
    if not len(chosen):
        return out
    key = group[labels[chosen]]
    order = chosen[np.argsort(key, kind="stable")]
    for members in np.split(order, np.flatnonzero(np.diff(group[labels[order]])) + 1):
        w = weight[int(group[labels[members[0]]])]
        out.append((members, int(code_of[labels[members[0]]]), np.argsort(-w)[:np.count_nonzero(w)]))
    return out


class Pockets:
    """The pockets of one simulation, day by day (``control.model`` drives it)."""

    def __init__(self, days: int = POCKET_DAYS) -> None:
        self.days = days
        self.pockets: list[Pocket] = []
        self._last_key: bytes | None = None
        self._last_found: list = []

    def encircle(self, world, members: np.ndarray, loser: int, encircler: int, event: int) -> None:
        if len(members):
            falls = None if world.city[members].any() else world.day + self.days
            self.pockets.append(Pocket(np.asarray(members), loser, encircler, world.day, falls,
                                       stated=True, event=event))
            if falls is not None:
                world.schedule(falls)

    def update(self, world, captured: dict[int, int], *, baseline_day: bool) -> np.ndarray:
        """Find today's pockets, let those that fall today fall; return the besieged mask.
        ``captured``: point -> event, for the points reports took from their holder today (a
        pocket one of whose points was taken, cleared or evacuated falls whole)."""
        codes = world.effective_codes()
        key = codes.tobytes()
        if key != self._last_key:    # the same holders as at the last look: the same parts
            self._last_key, self._last_found = key, cut_off(world, codes)
        found = self._last_found
        owner = np.full(len(codes), -1)          # the cut-off part each point is in today
        for k, (members, _, _) in enumerate(found):
            owner[members] = k
        sides_of = {}
        matched: set[int] = set()
        falling: list[tuple[Pocket, int]] = []
        taken_today = np.zeros(len(codes), dtype=bool)
        taken_today[list(captured)] = True
        for pocket in self.pockets:
            if not pocket.alive:
                continue
            hit = pocket.members[taken_today[pocket.members]]
            taken = [] if pocket.standing else [captured[int(k)] for k in hit[:1]]
            held = pocket.members[codes[pocket.members] == pocket.loser]
            if world.relieved(held, since=pocket.formed):
                pocket.alive = False          # a report lifted the siege: it is over
            elif pocket.stated:
                pocket.alive = len(held) > 0
            else:
                parts = {int(k) for k in np.unique(owner[held]) if k >= 0 and found[k][2][0] == pocket.encircler}
                pocket.alive = bool(parts)
                if parts:
                    matched |= parts
                    pocket.members = np.concatenate([found[k][0] for k in sorted(parts)])
                    sides_of[id(pocket)] = np.unique(np.concatenate([found[k][2] for k in parts]))
            if pocket.alive and (taken or (pocket.falls is not None and world.day >= pocket.falls)):
                falling.append((pocket, taken[0] if taken else pocket.event))
        for k, (members, loser, encirclers) in enumerate(found):
            if k in matched:
                continue
            if world.relieved(members):
                continue      # relieved by a report: the corridor may be thinner than the map
            falls = None if baseline_day or world.city[members].any() else world.day + self.days
            self.pockets.append(Pocket(members, loser, int(encirclers[0]), world.day, falls, standing=baseline_day))
            if falls is not None:
                world.schedule(falls)
        for pocket, event in falling:
            codes = world.effective_codes()
            held = pocket.members[codes[pocket.members] == pocket.loser]
            held = held[~world.reported_today(held)]
            for side, points in _nearest_side(world, held, sides_of.get(id(pocket), [pocket.encircler]), codes):
                world.set_state(points, side, evidence.POCKET, event)
            pocket.alive = False
        self.pockets = [pocket for pocket in self.pockets if pocket.alive]
        besieged = np.zeros(len(codes), dtype=bool)
        falling = np.zeros(len(codes), dtype=bool)
        codes = world.effective_codes()
        for pocket in self.pockets:
            held = pocket.members[codes[pocket.members] == pocket.loser]
            besieged[held] = True
            falling[held] = pocket.falls is not None
        world.fresh_pocket = falling
        return besieged


def _nearest_side(world, points: np.ndarray, sides, codes: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``points`` grouped by the encircling side whose ground is nearest to each."""
    sides = [int(s) for s in sides]
    if len(sides) == 1 or not len(points):
        return [(sides[0], points)] if len(points) else []
    best = np.full(len(points), np.inf)
    pick = np.full(len(points), sides[0])
    bank = world.points.side
    for side in sides:
        for part in np.unique(bank[points]):
            # Over land: a side across the river is nearer in km but not in reach.
            here = points[bank[points] == part]
            theirs = np.flatnonzero((codes == side) & (bank == part))
            if not len(theirs):
                continue
            _, d = shapely.STRtree(world.geoms[theirs]).query_nearest(world.geoms[here], return_distance=True,
                                                                      all_matches=False)
            k = np.flatnonzero(bank[points] == part)
            closer = d < best[k]
            best[k[closer]], pick[k[closer]] = d[closer], side
    return [(side, points[pick == side]) for side in sides if (pick == side).any()]
