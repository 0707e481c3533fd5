/* The browser side of the front-line map: drawing frames, hover and click, time controls, playback.
 *
 * Clientside callbacks live in window.dash_clientside.frontline (wired in dashboard/callbacks.py).
 * The slider holds a day offset from the first date (see dashboard/timeline.py).
 *
 * Plotly draws the map (view, pan, zoom) from a figure with no data; the layers are MapLibre
 * GeoJSON sources and style layers this file adds to plotly's MapLibre map (see
 * dashboard/map_sources.py): a date replaces the data of the sources whose pieces differ from
 * the ones shown, and factions and layers are shown and hidden by layer filters and visibility.
 * (Plotly.react would re-process every trace instead: see bench/app.py.) Frames come packed as
 * {key, pieces: {digest: JSON text}, dates: {offset: {source: [digest]}}} (dashboard/frames.py).
 *
 * A redraw of the map costs ~100 ms on a software-WebGL machine, so a date is drawn once: the
 * map's redraws are held while the new data go through MapLibre's worker, and the rest of the
 * page (slider, address, area chart, event list) hears of the date after the map is drawn.
 */
(function () {
  "use strict";

  var SLIDER = "date-slider";
  var MAP = "map";
  var PLAY = "play-button";
  var DATE_LABEL = "date-label";
  var FRAME_REQUEST = "frame-request";
  var LEGEND_BODY = "legend-body";
  // Features' style layers that belong to another layer's toggle.
  var GROUP_OF = {territory_lines: "territory"};
  // Frames to keep ready ahead of the current date, counted in steps of the playback speed.
  var LOOKAHEAD_STEPS = 8;
  // Upper bound of the playback rate; the real rate is also limited by drawing time.
  var MIN_FRAME_MS = 100;
  // A frame that never paints (error, lost request) must not stall playback for good.
  var PAINT_TIMEOUT_MS = 3000;
  // Nor may data that never load keep the map from redrawing.
  var HOLD_MAX_MS = 1500;
  // While playing, the rest of the page follows the date this often.
  var PLAYING_SYNC_MS = 1000;
  // Hover and click pick features within this many pixels of the pointer.
  var PICK_PX = 4;
  var EMPTY = {type: "FeatureCollection", features: []};
  // Plotly draws a map only for a trace on it: one point, invisible and silent.
  var PLACEHOLDER = {
    type: "scattermap", lat: [0], lon: [0], mode: "markers", marker: {size: 1, opacity: 0},
    hoverinfo: "skip", showlegend: false
  };

  var state = {
    offset: 0, span: 0, first: null, playing: false, speed: 1,
    waiting: false, lastAdvance: 0, hooked: null, paintCount: 0,
    synced: null, lastSync: 0, syncTimer: null,
    // what the page asks the map to show
    want: {frames: null, base: null, factions: null, layers: null, window: null, fade: null, review: null},
    legendShown: null, cursorRetry: null, cursorTries: 0,
    // what the map shows
    map: null, shown: {}, shownBase: null, shownFactions: null, shownLayers: null, shownReview: null,
    parsed: {}, pending: null, asked: null, paintedOffset: null, holding: null, fresh: true, unread: {},
    retry: null,
    tip: null, hoverAt: null
  };
  window.frontline = state;

  function noUpdate() { return window.dash_clientside.no_update; }

  // --- the date ---------------------------------------------------------------------------------

  // Keyboard steps, step buttons and playback draw the date at once and tell the page after
  // (``sync``): through the slider, the map would wait for the callbacks the slider triggers
  // (Dash holds a callback back while a pending one may still change its inputs).
  function setOffset(value) {
    var next = Math.max(0, Math.min(state.span, value));
    if (next === state.offset) { return false; }
    state.offset = next;
    if (!state.playing) { showDate(next); }   // while playing, the date shown follows the map
    apply();
    if (state.playing) {
      if (performance.now() - state.lastSync > PLAYING_SYNC_MS) { sync(); }
    } else {
      clearTimeout(state.syncTimer);
      state.syncTimer = setTimeout(sync, PAINT_TIMEOUT_MS);   // sync also follows the drawing
    }
    return true;
  }

  // Put the slider (and with it the address, area chart and event list) on the current date.
  function sync() {
    clearTimeout(state.syncTimer);
    state.lastSync = performance.now();
    if (state.synced !== state.offset) {
      state.synced = state.offset;
      window.dash_clientside.set_props(SLIDER, {value: state.offset});
    }
  }

  function formatDate(firstIso, offset) {
    var parts = firstIso.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]) + offset * 86400000);
    return day.toLocaleDateString("en-GB", {
      timeZone: "UTC", weekday: "short", day: "numeric", month: "long", year: "numeric"
    });
  }

  function showDate(offset) {
    var label = document.getElementById(DATE_LABEL);
    if (label && state.first) { label.textContent = formatDate(state.first, offset); }
  }

  // --- the map's sources and layers -------------------------------------------------------------

  function graphDiv() {
    var outer = document.getElementById(MAP);
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function mapInstance() {
    var gd = graphDiv();
    var subplot = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return subplot && subplot.map ? subplot.map : null;
  }

  function sameList(a, b) {
    return Boolean(a && b) && a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  // Add the sources and layers (again, after plotly replaced the map's style); false while the
  // style is loading (apply tries again shortly).
  function install(map, base) {
    if (!base.layers.length || map.getLayer(base.layers[0].id)) { return true; }
    if (!map.isStyleLoaded()) { return false; }
    base.layers.forEach(function (layer) {
      if (!map.getSource(layer.source)) {
        map.addSource(layer.source, Object.assign({type: "geojson", data: EMPTY}, base.sources[layer.source]));
      }
      if (!map.getLayer(layer.id)) { map.addLayer(layer); }
    });
    state.shown = {};
    state.unread = {};
    state.shownBase = state.shownFactions = state.shownLayers = state.shownReview = null;
    state.fresh = true;   // until the map draws: its sources ask for their tiles when it draws
    return true;
  }

  function factionFilter(kind, factions) {
    var shown = ["literal", factions];
    if (kind === "pair") { return ["any", ["in", ["get", "a"], shown], ["in", ["get", "b"], shown]]; }
    return ["any", ["!", ["has", "faction"]], ["in", ["get", "faction"], shown]];
  }

  // A piece's features, with their hover texts kept here and a key to them (``tip``) in their
  // place: MapLibre's worker would copy every text into every tile it builds. ``legend`` lists
  // the legend entries the piece draws, once each: [layer, legend key, faction, a, b].
  function parsePiece(digest, text) {
    var features = JSON.parse(text);
    var tips = [];
    var legend = {};
    features.forEach(function (feature, i) {
      var p = feature.properties;
      if (p.hover) {
        tips[i] = p.hover;
        delete p.hover;
        p.tip = digest + ":" + i;
      }
      if (p.legend) {   // a feature may stand for more than one entry, space-separated
        p.legend.split(" ").forEach(function (key) {
          legend[[p.layer, key, p.faction, p.a, p.b].join("|")] = [p.layer, key, p.faction, p.a, p.b];
        });
      }
    });
    return {features: features, tips: tips, legend: Object.keys(legend).map(function (k) { return legend[k]; })};
  }

  function hoverText(properties) {
    if (properties.hover) { return properties.hover; }
    var key = properties.tip ? properties.tip.split(":") : null;
    var part = key && state.parsed[key[0]];
    return part ? part.tips[Number(key[1])] : null;
  }

  // The features of a source's pieces, parsed once while consecutive dates share them.
  function collection(frames, digests, parsed) {
    var features = [];
    digests.forEach(function (digest) {
      var part = state.parsed[digest] || (frames.pieces[digest] ? parsePiece(digest, frames.pieces[digest]) : null);
      if (!part) { return; }
      parsed[digest] = part;
      for (var i = 0; i < part.features.length; i++) { features.push(part.features[i]); }
    });
    return {type: "FeatureCollection", features: features};
  }

  // Bring the map to what the page asks for, touching only what differs.
  function apply() {
    var want = state.want;
    var map = mapInstance();
    if (!map || !want.base || !want.factions) { return; }
    if (map !== state.map) { hook(map); }
    if (!install(map, want.base)) {
      clearTimeout(state.retry);
      state.retry = setTimeout(apply, 200);   // a new style is still loading
      return;
    }
    var changed = [];
    var restyled = false;
    var frames = want.frames;
    var frame = frames && frames.dates[String(state.offset)];
    if (!state.fresh && (want.base.base !== state.shownBase || (frame && Object.keys(frame).some(function (name) {
      return state.shown[name] !== frame[name].join(",");
    })))) {
      hold(map);   // before setData, which asks for a redraw
    }
    if (want.base.base !== state.shownBase) {
      map.getSource("fl-base").setData(want.base.base);
      changed.push("fl-base");
      state.shownBase = want.base.base;
    }
    if (want.review !== state.shownReview && map.getSource("fl-review")) {
      map.getSource("fl-review").setData(want.review || EMPTY);
      state.shownReview = want.review;
      restyled = true;
    }
    if (!sameList(want.layers, state.shownLayers)) {
      want.base.layers.forEach(function (layer) {
        var group = layer.metadata.group;
        if (group) {
          map.setLayoutProperty(layer.id, "visibility", want.layers.indexOf(group) >= 0 ? "visible" : "none");
        }
      });
      state.shownLayers = want.layers.slice();
      restyled = true;
    }
    if (!sameList(want.factions, state.shownFactions)) {
      want.base.layers.forEach(function (layer) {
        if (layer.metadata.fade) {
          // Hidden ground is drawn clear rather than left out, so that its hover still says
          // whose it is (and that it is switched off) instead of what lies under it.
          map.setPaintProperty(layer.id, layer.metadata.fade, ["case",
            factionFilter(layer.metadata.factions, want.factions), ["get", "opacity"], 0]);
        } else if (layer.metadata.factions) {
          map.setFilter(layer.id, ["all", layer.filter, factionFilter(layer.metadata.factions, want.factions)]);
        }
      });
      state.shownFactions = want.factions.slice();
      restyled = true;
    }
    if (frame) {
      var parsed = {};
      Object.keys(frame).forEach(function (name) {
        var signature = frame[name].join(",");
        if (state.shown[name] !== signature) {
          map.getSource("fl-" + name).setData(collection(frames, frame[name], parsed));
          state.shown[name] = signature;
          changed.push("fl-" + name);
        } else {
          frame[name].forEach(function (digest) { if (state.parsed[digest]) { parsed[digest] = state.parsed[digest]; } });
        }
      });
      state.parsed = parsed;   // the pieces on the map, whose hover texts the tooltip reads
    }
    showLegend();
    ask();
    var pending = state.pending;
    if (!changed.length && !restyled && !pending && frame && state.paintedOffset === state.offset) {
      return;   // the map shows this date already
    }
    changed.forEach(function (id) { state.unread[id] = true; });
    if (pending && pending.offset === state.offset) {
      // Still drawing this date: wait for the new sources too.
      pending.sources = pending.sources.concat(changed);
      pending.complete = pending.complete || Boolean(frame);
      pending.drawn = pending.drawn && !changed.length && !restyled;
    } else {
      pending = state.pending = {offset: state.offset, sources: changed, complete: Boolean(frame),
                                 started: performance.now()};
    }
    if (state.holding) {
      checkLoaded();
    } else if (!changed.length && !restyled && pending.complete) {
      painted(pending);   // the map already shows what this date draws
    }
  }

  // --- the legend -------------------------------------------------------------------------------

  // The legend lists the catalogue's entries (export/legend.py) whose keys the features on the
  // map carry, in the layers switched on and for the factions shown, as the layers' filters
  // show them: a faction's features by their ``faction``, a front line by either side.
  function shownKeys() {
    var want = state.want;
    var keys = {};
    Object.keys(state.parsed).forEach(function (digest) {
      state.parsed[digest].legend.forEach(function (entry) {
        var layer = GROUP_OF[entry[0]] || entry[0], faction = entry[2], a = entry[3], b = entry[4];
        if (want.layers.indexOf(layer) < 0) { return; }
        var shown = layer === "front_lines"
          ? want.factions.indexOf(a) >= 0 || want.factions.indexOf(b) >= 0
          : faction === undefined || faction === null || want.factions.indexOf(faction) >= 0;
        if (shown) { keys[entry[1]] = true; }
      });
    });
    if (Object.keys(keys).some(function (key) { return key.indexOf("event:") === 0; })) { keys["note:events"] = true; }
    return keys;
  }

  function legendKey(entry) {
    var key = document.createElement("span");
    key.className = "key";
    var mark = document.createElement("span");
    mark.className = "key-" + entry.kind;
    if (entry.kind === "area" || entry.kind === "hatch") {
      mark.style.background = entry.kind === "hatch"
        ? "repeating-linear-gradient(135deg, " + entry.stripes + " 0 2px, " + entry.fill + " 2px 6px)" : entry.fill;
      mark.style.borderColor = entry.colour;
    } else if (entry.kind === "ring") {
      mark.className = "key-area";
      mark.style.background = "#fff";
      mark.style.borderColor = entry.colour;
    } else if (entry.kind === "marker") {
      mark.style.width = mark.style.height = entry.size + "px";
      mark.style.background = entry.colour;
    } else {
      mark.style.color = mark.style.borderTopColor = entry.colour;
    }
    key.appendChild(mark);
    return key;
  }

  function showLegend() {
    var body = document.getElementById(LEGEND_BODY);
    var catalogue = state.want.base && state.want.base.legend;
    if (!body || !catalogue || !state.want.frames || !state.want.frames.dates[String(state.offset)]) { return; }
    var keys = shownKeys();
    var days = state.want.window;
    var signature = Object.keys(keys).sort().join(",") + "|" + days + "|" + state.want.fade;
    if (signature === state.legendShown) { return; }
    state.legendShown = signature;
    body.textContent = "";
    catalogue.forEach(function (section) {
      var entries = section.entries.filter(function (entry) { return keys[entry.key]; });
      if (!entries.length) { return; }
      var head = document.createElement("div");
      head.className = "legend-head";
      var headings = section.headings;
      head.textContent = headings && days
        ? (headings[String(days)] || headings["*"]).replace("{n}", String(days)) : section.heading;
      body.appendChild(head);
      entries.forEach(function (entry) {
        var row = document.createElement("div");
        row.className = entry.kind === "note" ? "legend-note" : "legend-row";
        row.setAttribute("data-key", entry.key);
        if (entry.kind !== "note") { row.appendChild(legendKey(entry)); }
        var label = document.createElement("span");
        label.textContent = entry.label.replace("{n}", String(state.want.fade));
        row.appendChild(label);
        body.appendChild(row);
      });
    });
    if (!body.childNodes.length) {
      var none = document.createElement("div");
      none.className = "muted";
      none.textContent = "Nothing drawn: switch on a layer or a faction.";
      body.appendChild(none);
    }
  }

  // Hold the map's redraws until the pending sources have loaded their new data: each redraw
  // in between would show the old data, at the full cost of a redraw.
  function hold(map) {
    if (!state.holding) {
      map.triggerRepaint = function () {};
      state.holding = {timer: setTimeout(release, HOLD_MAX_MS)};
    }
  }

  function release() {
    var map = state.map;
    if (!state.holding) { return; }
    clearTimeout(state.holding.timer);
    state.holding = null;
    delete map.triggerRepaint;   // back to MapLibre's own
    placeLabels(map);
    map.triggerRepaint();
  }

  // MapLibre places labels while drawing, and a label tile it has not placed before makes it
  // draw again to show the placement: placing them now saves that second redraw. This is an
  // internal of the MapLibre plotly.js bundles (plotly.js 4.1, MapLibre 6.9, pinned through
  // plotly==7.1.0); without it the map simply draws twice.
  function placeLabels(map) {
    var style = map.style;
    if (!style || typeof style._updatePlacement !== "function" || !map._camera) { return; }
    for (var i = 0; i < 2; i++) {   // the first pass indexes the new tiles, the second places
      style._updatePlacement(map._camera.transform, map.showCollisionBoxes, 0, map._crossSourceCollisions, true);
    }
  }

  // A source with new data counts as loaded once MapLibre's worker has read them (its
  // "content" event) and its tiles are loaded again; until then it still reports the old data
  // as loaded.
  function loaded(id) {
    return !state.unread[id] && state.map.isSourceLoaded(id);
  }

  function onSourceData(event) {
    if (event.sourceDataType === "content") { delete state.unread[event.sourceId]; }
    checkLoaded();
  }

  function checkLoaded() {
    var pending = state.pending;
    if (state.holding && pending && pending.complete && pending.sources.every(loaded)) { release(); }
  }

  // A frame is painted by the first redraw after its sources' new data are loaded; it is on
  // screen at the next animation frame (the browser composites the map's canvas in between).
  function onRender() {
    var pending = state.pending;
    var map = state.map;
    state.fresh = false;
    if (!pending || !pending.complete || state.holding || pending.drawn) { return; }
    // Labels need a redraw after their new tiles arrive to be placed.
    if (!pending.sources.every(loaded) || map._placementDirty) { return; }
    pending.drawn = true;
    requestAnimationFrame(function () { painted(pending); });
    if (state.playing) {
      // The next date's data go through MapLibre's worker while this frame is composited.
      state.waiting = false;
      tick();
    }
  }

  function painted(pending) {
    if (state.pending === pending) {   // not already on to the next date
      state.pending = null;
      state.waiting = false;
    }
    if (state.playing) { showDate(pending.offset); }
    state.paintCount += 1;
    state.paintedOffset = pending.offset;
    document.dispatchEvent(new CustomEvent("frontline:painted", {detail: {
      offset: pending.offset, sources: pending.sources.length, ms: performance.now() - pending.started
    }}));
    if (!state.playing) { setTimeout(sync, 0); }
  }

  // Ask the server for frames from the first date missing among the current one and the next
  // few steps (the server sends that date's frame and more ahead).
  function ask() {
    var frames = state.want.frames;
    if (!frames) { return; }
    var stride = state.playing ? state.speed : 1;
    for (var k = 0; k <= LOOKAHEAD_STEPS; k++) {
      var o = Math.min(state.offset + k * stride, state.span);
      if (!(String(o) in frames.dates)) {
        var asked = state.asked;
        if (asked && asked.key === frames.key && asked.offset === o && asked.stride === stride &&
            asked.received === frames.received) {
          return;   // already asked, and no answer since
        }
        state.asked = {key: frames.key, offset: o, stride: stride, received: frames.received};
        window.dash_clientside.set_props(FRAME_REQUEST, {data: {
          key: frames.key, offset: o, stride: stride, have: Object.keys(frames.dates).map(Number),
          bytes: storeBytes(frames)
        }});
        return;
      }
    }
  }

  function storeBytes(frames) {
    var total = 0;
    Object.keys(frames.pieces).forEach(function (digest) { total += frames.pieces[digest].length; });
    return total;
  }

  // A tile of the online base map that cannot load (no network) is no error of the page. Plotly
  // rejects its pending update on any map "error" event, and dcc.Graph then draws no later
  // figure (its update queue stays rejected): switching the tiles off again would never reach
  // the map. So these events stop here, before plotly's listeners hear them. Plotly's update
  // ends at the first redraw with every tile settled, and a failed tile asks for no redraw:
  // ask for one, or the update (and every figure queued behind it) waits for the next pan.
  function quietTileErrors(map) {
    var fire = map.fire;
    map.fire = function (event) {
      var base = state.want.base;
      if (event && event.type === "error" && base && event.sourceId === base.online_source) {
        this.triggerRepaint();
        return this;
      }
      return fire.apply(this, arguments);
    };
  }

  function hook(map) {
    state.map = map;
    quietTileErrors(map);
    // The arrow keys step the date (see the keydown listener below); MapLibre's own keyboard
    // handler would pan the map on the same keys once the map has focus.
    if (map.keyboard) { map.keyboard.disable(); }
    // Labels appear and go at once: their fade-in would keep the map redrawing for 300 ms
    // after a date. (Plotly makes the map, so the option cannot be passed.)
    map._fadeDuration = 0;
    map.on("render", onRender);
    map.on("sourcedata", onSourceData);
    map.on("styledata", function () {
      var base = state.want.base;
      if (base && base.layers.length && !map.getLayer(base.layers[0].id)) { setTimeout(apply, 0); }
    });
    map.on("mousemove", function (event) {
      var first = state.hoverAt === null;
      state.hoverAt = event.point;
      if (first) { requestAnimationFrame(hover); }
    });
    map.on("mouseout", function () { state.hoverAt = null; showTip(null); });
    map.on("click", function (event) {
      var feature = pick(event.point, "click");
      if (feature && feature.properties.id) {
        window.dash_clientside.set_props(MAP, {clickData: {points: [{customdata: feature.properties.id}]}});
      }
    });
  }

  // --- hover and click --------------------------------------------------------------------------

  // The topmost feature near ``point`` with a hover text, of a shown layer answering ``what``
  // ("hover" or "click").
  function pick(point, what) {
    var map = state.map;
    var base = state.want.base;
    if (!map || !base) { return null; }
    var ids = base.layers.filter(function (layer) {
      return layer.metadata[what] && map.getLayer(layer.id) && map.getLayoutProperty(layer.id, "visibility") !== "none";
    }).map(function (layer) { return layer.id; });
    var box = [[point.x - PICK_PX, point.y - PICK_PX], [point.x + PICK_PX, point.y + PICK_PX]];
    var features = ids.length ? map.queryRenderedFeatures(box, {layers: ids}) : [];
    for (var i = 0; i < features.length; i++) {
      if (hoverText(features[i].properties)) { return features[i]; }
    }
    return null;
  }

  function hover() {
    var point = state.hoverAt;
    state.hoverAt = null;
    if (!point || !state.map) { return; }
    var feature = pick(point, "hover");
    var clickable = feature && feature.layer.metadata && feature.layer.metadata.click;
    state.map.getCanvas().style.cursor = clickable ? "pointer" : "";
    showTip(feature, point);
  }

  // Hover texts are plotly-style (lines split by <br>, <b> for the title): shown as text only.
  function tipLines(feature) {
    var lines = String(hoverText(feature.properties)).split(/<br\s*\/?>/i).map(function (line) {
      return new DOMParser().parseFromString(line, "text/html").body.textContent;
    });
    var faction = feature.properties.faction;
    if (faction && state.want.factions && state.want.factions.indexOf(faction) < 0) {
      lines.push("(switched off in Factions)");
    }
    var end = feature.properties.end;
    if (end !== undefined && end !== null) {
      lines.push(Math.max(0, state.offset - end) + " days before the map date");
    }
    return lines;
  }

  function showTip(feature, point) {
    if (!state.tip) {
      state.tip = document.createElement("div");
      state.tip.className = "map-tip hidden";
      document.body.appendChild(state.tip);
    }
    var tip = state.tip;
    if (!feature) { tip.classList.add("hidden"); return; }
    tip.textContent = "";
    tipLines(feature).forEach(function (line, i) {
      var row = document.createElement("div");
      row.textContent = line;
      if (i === 0) { row.className = "map-tip-title"; }
      tip.appendChild(row);
    });
    var box = state.map.getCanvas().getBoundingClientRect();
    tip.style.left = (box.left + point.x + 14) + "px";
    tip.style.top = (box.top + point.y + 14) + "px";
    tip.classList.remove("hidden");
  }

  // --- time controls ----------------------------------------------------------------------------

  function hookAfterplot() {
    var gd = graphDiv();
    if (gd && gd !== state.hooked && typeof gd.on === "function") {
      // A new or restyled map: put the layers (back) on it.
      gd.on("plotly_afterplot", apply);
      state.hooked = gd;
    }
  }

  function tick() {
    hookAfterplot();
    if (!state.playing) { return; }
    var now = performance.now();
    if (state.waiting && now - state.lastAdvance < PAINT_TIMEOUT_MS) { return; }
    if (now - state.lastAdvance < MIN_FRAME_MS) { return; }
    if (state.offset >= state.span) {
      var button = document.getElementById(PLAY);
      if (button) { button.click(); }
      return;
    }
    state.waiting = true;
    state.lastAdvance = now;
    setOffset(state.offset + state.speed);
  }
  setInterval(tick, 20);

  function isTyping(target) {
    if (!target || !target.closest) { return false; }
    return Boolean(target.closest("input, textarea, select, [contenteditable], .slider-wrap, .Select, .dash-dropdown"));
  }

  document.addEventListener("keydown", function (event) {
    if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var days = event.shiftKey ? 7 : 1;
    if (event.key === "ArrowRight") { setOffset(state.offset + days); }
    else if (event.key === "ArrowLeft") { setOffset(state.offset - days); }
    else if (event.key === "Home") { setOffset(0); }
    else if (event.key === "End") { setOffset(state.span); }
    else if (event.key === " " && event.target === document.body) {
      var button = document.getElementById(PLAY);
      if (button) { button.click(); }
    } else { return; }
    event.preventDefault();
  });

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.frontline = {
    // The figure: the map's view and style, with no data (the layers are drawn by apply,
    // once plotly has drawn the map).
    figure: function (base) {
      if (!base) { return noUpdate(); }
      state.want.base = base;
      // Copies: plotly keeps and changes the layout it is given.
      var layout = Object.assign({}, base.layout);
      layout.map = Object.assign({}, base.layout.map);
      return {data: [PLACEHOLDER], layout: layout};
    },

    // A date from the slider (dragged, or set from the address), or factions and layers switched.
    paint: function (offset, factions, layers, windowDays, fadeDays) {
      // The slider echoing a date this file gave it is no news (the map may be further on).
      if (offset !== undefined && offset !== null && offset !== state.synced) {
        state.offset = state.synced = offset;
      }
      state.want.factions = factions || [];
      state.want.layers = layers || [];
      state.want.window = windowDays || null;
      state.want.fade = fadeDays || null;
      apply();
    },

    // Frames arrived from the server.
    // Frames arrived from the server: a chunk of the pieces and dates the browser lacks, or a
    // fresh set (new filters or data). They are kept here, and the store that brought them is
    // emptied: Dash walks every store's data at each update of the page, and the frames of a
    // big map weigh megabytes.
    frames: function (chunk) {
      if (!chunk) { return; }
      var held = state.want.frames;
      if (chunk.fresh || !held || held.key !== chunk.key) {
        held = state.want.frames = {key: chunk.key, pieces: {}, dates: {}, received: 0};
      }
      Object.assign(held.pieces, chunk.pieces);
      Object.assign(held.dates, chunk.dates);
      held.received += 1;
      window.dash_clientside.set_props("frames", {data: null});
      apply();
    },

    label: function (offset, span) {
      if (!span) { return noUpdate(); }
      state.span = span.days;
      state.first = span.first;
      // The slider echoing a date this file gave it may be behind the map's.
      var shown = offset === null || offset === undefined || offset === state.synced ? state.offset : offset;
      return formatDate(span.first, shown);
    },

    step: function (backWeek, backDay, forwardDay, forwardWeek) {
      var steps = {"step-back-week": -7, "step-back-day": -1, "step-forward-day": 1, "step-forward-week": 7};
      var ctx = window.dash_clientside.callback_context;
      if (ctx.triggered.length) {
        setOffset(state.offset + (steps[ctx.triggered[0].prop_id.split(".")[0]] || 0));
      }
    },

    play: function (clicks, playing) {
      if (!clicks) { return [noUpdate(), noUpdate()]; }
      state.playing = !playing;
      state.waiting = false;
      if (!state.playing) { sync(); }
      return [state.playing, state.playing ? "❚❚" : "▶"];
    },

    speed: function (value) {
      state.speed = value || 1;
    },

    allFactions: function (allClicks, noneClicks, options) {
      var ctx = window.dash_clientside.callback_context;
      if (!ctx.triggered.length) { return noUpdate(); }
      var id = ctx.triggered[0].prop_id.split(".")[0];
      return id === "factions-all" ? options.map(function (o) { return o.value; }) : [];
    },

    // The map's centre and zoom after the user pans, merged over the last known view.
    viewport: function (relayout, previous) {
      if (!relayout) { return noUpdate(); }
      var view = Object.assign({}, previous || {});
      var center = relayout["map.center"];
      var zoom = relayout["map.zoom"];
      if (center) { view.lat = center.lat; view.lon = center.lon; }
      if (zoom !== undefined) { view.zoom = zoom; }
      return (center || zoom !== undefined) ? view : noUpdate();
    },

    // Show the view in the address bar without adding a history entry per slider step.
    showUrl: function (query) {
      if (query && window.location.search !== query) {
        window.history.replaceState(null, "", window.location.pathname + query);
      }
    },

    // The area chart's date cursor: a line over the chart, placed from its date axis (moving a
    // shape of the chart would have plotly redraw the chart at every step).
    cursor: function (offset, figure, span) {
      var outer = document.getElementById("area-chart");
      var gd = outer ? outer.querySelector(".js-plotly-plot") : null;
      var full = gd && gd._fullLayout;
      var line = outer && outer.querySelector(".area-cursor");
      if (outer && !line) {
        line = document.createElement("div");
        line.className = "area-cursor";
        outer.appendChild(line);
      }
      if (!line) { return; }
      var xa = full && full.xaxis, ya = full && full.yaxis;
      if (!span || !xa || !ya || !xa.visible || !(gd.data || []).length) {
        line.style.display = "none";
        // the chart may still be drawing its new figure
        clearTimeout(state.cursorRetry);
        state.cursorRetry = setTimeout(function () {
          if (state.cursorTries++ < 20) { window.dash_clientside.frontline.cursor(offset, figure, span); }
        }, 250);
        return;
      }
      state.cursorTries = 0;
      var parts = span.first.split("-").map(Number);
      var iso = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]) + offset * 86400000).toISOString().slice(0, 10);
      var x = xa._offset + xa.l2p(xa.d2l(iso));
      line.style.display = x >= xa._offset && x <= xa._offset + xa._length ? "block" : "none";
      line.style.left = x + "px";
      line.style.top = ya._offset + "px";
      line.style.height = ya._length + "px";
    },

    // The rows of the review table as numbered pins on the map.
    reviewPins: function (rows) {
      var features = (rows || []).filter(function (row) { return row.lat !== null && row.lat !== undefined; })
        .map(function (row) {
          return {type: "Feature", geometry: {type: "Point", coordinates: [row.lon, row.lat]},
                  properties: {layer: "review_pins", number: row.number,
                               hover: "#" + row.number + " under review: " + row.place + "<br>" +
                                      String(row.action).replace(/_/g, " ") + ", " + row.date}};
        });
      state.want.review = {type: "FeatureCollection", features: features};
      apply();
    },

    closeError: function (clicks) {
      return clicks ? "error-banner hidden" : noUpdate();
    }
  };
})();
