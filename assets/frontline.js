/* The browser side of the front-line map: painting frames, time controls, keyboard, playback.
 *
 * Clientside callbacks live in window.dash_clientside.frontline (wired in dashboard/callbacks.py).
 * The slider holds a day offset from the first date (see dashboard/timeline.py); frames come
 * packed as {key, pieces: {hash: trace}, dates: {offset: [hash]}} (see dashboard/frames.py).
 */
(function () {
  "use strict";

  var SLIDER = "date-slider";
  var MAP = "map";
  var PLAY = "play-button";
  // Frames to keep ready ahead of the current date, counted in steps of the playback speed.
  var LOOKAHEAD_STEPS = 8;
  // Upper bound of the playback rate; the real rate is also limited by repaint time.
  var MIN_FRAME_MS = 100;
  // A frame that never paints (error, lost request) must not stall playback for good.
  var PAINT_TIMEOUT_MS = 3000;

  var state = {
    offset: 0, span: 0, playing: false, speed: 1,
    waiting: false, lastAdvance: 0, hooked: null, paintCount: 0
  };
  window.frontline = state;

  function noUpdate() { return window.dash_clientside.no_update; }

  function setOffset(value) {
    var next = Math.max(0, Math.min(state.span, value));
    if (next === state.offset) { return false; }
    window.dash_clientside.set_props(SLIDER, {value: next});
    return true;
  }

  function graphDiv() {
    var outer = document.getElementById(MAP);
    return outer ? outer.querySelector(".js-plotly-plot") : null;
  }

  function hookAfterplot() {
    var gd = graphDiv();
    if (gd && gd !== state.hooked && typeof gd.on === "function") {
      gd.on("plotly_afterplot", function () {
        state.waiting = false;
        // Only drawings of a frame count (the graph also draws once while still empty).
        if (gd.data && gd.data.length) { state.paintCount += 1; }
      });
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

  function formatDate(firstIso, offset) {
    var parts = firstIso.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]) + offset * 86400000);
    return day.toLocaleDateString("en-GB", {
      timeZone: "UTC", weekday: "short", day: "numeric", month: "long", year: "numeric"
    });
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.frontline = {
    // Base map under, territory, base map over, the rest -> the figure; nothing if the date's
    // frame has not arrived yet (the request callback asks for it).
    paint: function (offset, frames, base) {
      if (offset === undefined || offset === null || !frames || !base) { return noUpdate(); }
      state.offset = offset;
      var groups = frames.dates[String(offset)];
      if (!groups) { return noUpdate(); }
      var piece = function (k) { return frames.pieces[k]; };
      var layout = Object.assign({}, base.layout);
      layout.map = Object.assign({}, base.layout.map);
      var data = base.under.concat(groups[0].map(piece), base.over, groups[1].map(piece));
      return {data: data, layout: layout};
    },

    // Ask the server for frames when the current date or the one a few steps ahead is missing.
    request: function (offset, frames, speed, playing, pending) {
      if (offset === undefined || offset === null || !frames) { return noUpdate(); }
      var stride = playing ? (speed || 1) : 1;
      var wanted = [offset, offset + stride * LOOKAHEAD_STEPS];
      for (var i = 0; i < wanted.length; i++) {
        var o = Math.min(wanted[i], state.span);
        if (!(String(o) in frames.dates)) {
          if (pending && pending.key === frames.key && pending.offset === o && pending.stride === stride) {
            return noUpdate();
          }
          return {key: frames.key, offset: o, stride: stride};
        }
      }
      return noUpdate();
    },

    label: function (offset, span) {
      if (!span || offset === undefined || offset === null) { return noUpdate(); }
      state.span = span.days;
      state.offset = offset;
      return formatDate(span.first, offset);
    },

    step: function (backWeek, backDay, forwardDay, forwardWeek, offset, span) {
      var steps = {"step-back-week": -7, "step-back-day": -1, "step-forward-day": 1, "step-forward-week": 7};
      var ctx = window.dash_clientside.callback_context;
      if (!ctx.triggered.length || !span) { return noUpdate(); }
      var id = ctx.triggered[0].prop_id.split(".")[0];
      return Math.max(0, Math.min(span.days, offset + (steps[id] || 0)));
    },

    play: function (clicks, playing) {
      if (!clicks) { return [noUpdate(), noUpdate()]; }
      state.playing = !playing;
      state.waiting = false;
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

    // Move the area chart's date cursor without rebuilding the chart.
    cursor: function (offset, figure, span) {
      var outer = document.getElementById("area-chart");
      var gd = outer ? outer.querySelector(".js-plotly-plot") : null;
      if (!gd || !span || !gd.layout || !gd.layout.shapes || !gd.layout.shapes.length) { return; }
      var parts = span.first.split("-").map(Number);
      var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]) + offset * 86400000);
      var iso = day.toISOString().slice(0, 10);
      window.Plotly.relayout(gd, {"shapes[0].x0": iso, "shapes[0].x1": iso});
    },

    closeError: function (clicks) {
      return clicks ? "error-banner hidden" : noUpdate();
    }
  };
})();
