/* eventcoder web UI: our own small script. Charts are drawn with plotly.js, which the
   server serves from the installed `plotly` Python package (/vendor/plotly.min.js). */
"use strict";
var eventcoder = (function () {
  var QUAD = {
    1: { name: "verbal cooperation", color: "#7fb3d5" },
    2: { name: "material cooperation", color: "#1f618d" },
    3: { name: "verbal conflict", color: "#f0a35e" },
    4: { name: "material conflict", color: "#c0392b" }
  };
  // Goldstein -10 (conflict) .. +10 (cooperation)
  var SCALE = [[0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#bbbbbb"], [0.75, "#67a9cf"], [1, "#2166ac"]];

  function hex(c) { return [1, 3, 5].map(function (i) { return parseInt(c.substr(i, 2), 16); }); }
  function goldsteinColor(g) {
    var t = Math.max(0, Math.min(1, ((g === null ? 0 : g) + 10) / 20));
    for (var i = 1; i < SCALE.length; i++) {
      if (t <= SCALE[i][0]) {
        var a = SCALE[i - 1], b = SCALE[i], u = (t - a[0]) / (b[0] - a[0]);
        var ca = hex(a[1]), cb = hex(b[1]);
        return "rgb(" + ca.map(function (v, k) { return Math.round(v + (cb[k] - v) * u); }).join(",") + ")";
      }
    }
    return SCALE[SCALE.length - 1][1];
  }

  function withParams(filters, extra) {
    var p = new URLSearchParams(filters || "");
    Object.keys(extra).forEach(function (k) {
      p.delete(k);
      var v = extra[k];
      if (Array.isArray(v)) { v.forEach(function (x) { p.append(k, x); }); }
      else if (v !== null && v !== undefined && v !== "") { p.set(k, v); }
    });
    return p.toString();
  }

  function fail(el, err) {
    el.classList.add("failed");
    el.textContent = "Could not draw this chart: " + err;
  }

  function load(el, draw) {
    el.textContent = "Loading…";
    fetch(el.dataset.api, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw (body.error && body.error.message) || r.statusText; }
          return body;
        });
      })
      .then(function (data) {
        el.textContent = "";
        return draw(data);
      })
      .then(function () { el.dataset.drawn = "true"; })
      .catch(function (err) { fail(el, err); });
  }

  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] };

  function empty(el, message) {
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    el.appendChild(p);
  }

  /* Dyad timeline: bars stacked by QuadClass, mean Goldstein as a line. */
  function timeline(el) {
    load(el, function (data) {
      if (!data.bars.length) { empty(el, "No dated events match these filters."); return; }
      // bars span their month or week (date axis: empty periods stay visible as gaps)
      var week = data.interval === "week";
      var period = week ? { xperiod: 7 * 86400000, xperiod0: "2000-01-03", xperiodalignment: "middle" }
        : { xperiod: "M1", xperiodalignment: "middle" };
      var traces = [1, 2, 3, 4].map(function (q) {
        var bars = data.bars.filter(function (b) { return b.quad_class === q; });
        return {
          type: "bar", name: q + " " + QUAD[q].name, marker: { color: QUAD[q].color },
          x: bars.map(function (b) { return b.period; }),
          y: bars.map(function (b) { return b.events; }),
          customdata: bars.map(function (b) { return [b.since, b.until, q]; }),
          hovertemplate: "%{customdata[0]}: %{y} events, " + QUAD[q].name + "<extra></extra>"
        };
      }).filter(function (t) { return t.x.length; });
      traces.forEach(function (t) { Object.assign(t, period); });
      traces.push({
        type: "scatter", mode: "lines+markers", name: "mean Goldstein", yaxis: "y2",
        line: { color: "#333", width: 2 }, marker: { size: 5 },
        x: data.periods.map(function (p) { return p.period; }),
        y: data.periods.map(function (p) { return p.mean_goldstein; }),
        hovertemplate: "mean Goldstein %{y:+.2f}<extra></extra>"
      });
      Object.assign(traces[traces.length - 1], period);
      var layout = {
        barmode: "stack", margin: { t: 20, r: 60, b: 60, l: 50 }, hovermode: "closest",
        bargap: 0.15,
        xaxis: { type: "date", title: { text: week ? "week (from Monday)" : "month" } },
        yaxis: { title: { text: "events" }, rangemode: "tozero" },
        yaxis2: { title: { text: "mean Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5],
          tickvals: [-10, -5, 0, 5, 10], showgrid: false, zeroline: true, zerolinecolor: "#999" },
        legend: { orientation: "h", y: 1.12 }
      };
      return Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
        el.on("plotly_click", function (ev) {
          var pt = ev.points && ev.points[0];
          if (!pt || !pt.customdata) { return; }
          var d = pt.customdata;
          window.location.href = "/search?" + withParams(el.dataset.filters, { since: d[0], until: d[1], quad: [d[2]], page: null });
        });
      });
    });
  }

  /* Network: nodes (size ~ events) and edges (width ~ events, colour ~ mean Goldstein). */
  function network(el) {
    load(el, function (data) {
      if (!data.nodes.length) { empty(el, "No dyads match these filters."); return; }
      var pos = {};
      data.nodes.forEach(function (n) { pos[n.id] = n; });
      var maxEdge = Math.max.apply(null, data.edges.map(function (e) { return e.events; }));
      var traces = [];
      var mid = { x: [], y: [], text: [] };
      data.edges.forEach(function (e) {
        var a = pos[e.source], b = pos[e.target];
        if (e.source === e.target) { return; }
        traces.push({
          type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
          x: [a.x, b.x], y: [a.y, b.y],
          line: { color: goldsteinColor(e.mean_goldstein), width: 1 + 7 * Math.sqrt(e.events / maxEdge) },
          opacity: 0.8
        });
        mid.x.push((a.x + b.x) / 2); mid.y.push((a.y + b.y) / 2);
        mid.text.push(e.source + " → " + e.target + ": " + e.events + " events, mean Goldstein " +
          (e.mean_goldstein === null ? "n/a" : e.mean_goldstein.toFixed(2)));
      });
      traces.push({ type: "scatter", mode: "markers", x: mid.x, y: mid.y, text: mid.text, hoverinfo: "text",
        marker: { size: 6, opacity: 0 }, showlegend: false });
      var maxNode = Math.max.apply(null, data.nodes.map(function (n) { return n.events; }));
      traces.push({
        type: "scatter", mode: "markers+text", showlegend: false,
        x: data.nodes.map(function (n) { return n.x; }),
        y: data.nodes.map(function (n) { return n.y; }),
        text: data.nodes.map(function (n) { return n.id; }),
        customdata: data.nodes.map(function (n) { return n.id; }),
        textposition: "top center", textfont: { size: 12 },
        hovertemplate: "%{customdata}: %{marker.size:.0f}<extra>click to filter</extra>",
        hovertext: data.nodes.map(function (n) { return n.events; }),
        marker: { size: data.nodes.map(function (n) { return 10 + 30 * Math.sqrt(n.events / maxNode); }),
          color: "#f8f8f8", line: { color: "#444", width: 1.5 } }
      });
      traces[traces.length - 1].hovertemplate = "%{customdata}: %{hovertext} events<extra>click to filter</extra>";
      // a colour bar for the edges
      traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], showlegend: false, hoverinfo: "skip",
        marker: { colorscale: SCALE, cmin: -10, cmax: 10, color: [0], showscale: true,
          colorbar: { title: { text: "mean<br>Goldstein" }, thickness: 12 } } });
      var axis = { visible: false, range: [-0.08, 1.08] };
      var layout = { margin: { t: 10, r: 10, b: 10, l: 10 }, xaxis: axis, yaxis: axis, hovermode: "closest", dragmode: "pan" };
      return Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
        el.on("plotly_click", function (ev) {
          var pt = ev.points && ev.points[0];
          if (!pt || typeof pt.customdata !== "string") { return; }
          window.location.href = "/network?" + withParams(el.dataset.filters, { actor: pt.customdata, dyad: null, source: null, target: null });
        });
      });
    });
  }

  /* Map: country outlines from /api/world (served offline) and places as bubbles. */
  function map(el) {
    var world = fetch("/api/world").then(function (r) { return r.json(); });
    load(el, function (data) {
      return world.then(function (w) {
        var ox = [], oy = [];
        w.countries.forEach(function (c) {
          c.rings.forEach(function (ring) {
            ring.forEach(function (p) { ox.push(p[0]); oy.push(p[1]); });
            ox.push(null); oy.push(null);
          });
        });
        var places = data.places;
        var maxN = places.length ? Math.max.apply(null, places.map(function (p) { return p.events; })) : 1;
        var traces = [
          { type: "scatter", mode: "lines", x: ox, y: oy, fill: "toself",
            fillcolor: "#eef0ea", line: { color: "#9aa39a", width: 0.6 }, hoverinfo: "skip", showlegend: false },
          {
            type: "scatter", mode: "markers", showlegend: false,
            x: places.map(function (p) { return p.lon; }),
            y: places.map(function (p) { return p.lat; }),
            customdata: places.map(function (p) { return p.country || ""; }),
            text: places.map(function (p) {
              return p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " events, mean Goldstein " +
                (p.mean_goldstein === null ? "n/a" : p.mean_goldstein.toFixed(2));
            }),
            hoverinfo: "text",
            marker: { size: places.map(function (p) { return 6 + 34 * Math.sqrt(p.events / maxN); }),
              color: places.map(function (p) { return p.mean_goldstein; }), colorscale: SCALE, cmin: -10, cmax: 10,
              showscale: true, colorbar: { title: { text: "mean<br>Goldstein" }, thickness: 12 },
              opacity: 0.8, line: { color: "#333", width: 0.5 } }
          }
        ];
        var layout = {
          margin: { t: 10, r: 10, b: 10, l: 10 }, hovermode: "closest", dragmode: "pan",
          xaxis: { range: [-180, 180], visible: false, constrain: "domain" },
          yaxis: { range: [-60, 85], visible: false, scaleanchor: "x", scaleratio: 1 },
          plot_bgcolor: "#dfe9f3"
        };
        if (!places.length) {
          layout.annotations = [{ text: "No events with a known place match these filters.", x: 0, y: 0, showarrow: false,
            font: { size: 16 } }];
        }
        return Plotly.newPlot(el, traces, layout, Object.assign({ scrollZoom: true }, CONFIG)).then(function () {
          el.on("plotly_click", function (ev) {
            var pt = ev.points && ev.points[0];
            if (!pt || pt.curveNumber !== 1 || !pt.customdata) { return; }
            window.location.href = "/search?" + withParams(el.dataset.filters, { actor: pt.customdata, page: null });
          });
        });
      });
    });
  }

  /* Leave empty fields out of the URL so that shared links stay short. */
  function cleanForm() {
    var form = document.getElementById("filters");
    if (!form) { return; }
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (input) {
        if ((input.tagName === "INPUT" || input.tagName === "SELECT") && input.type !== "checkbox" && !input.value) {
          input.disabled = true;
        }
      });
    });
  }

  return { timeline: timeline, network: network, map: map, cleanForm: cleanForm, goldsteinColor: goldsteinColor };
})();
