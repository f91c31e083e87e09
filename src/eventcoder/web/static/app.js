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

  var DAY = 86400000;
  /* The middle of a period (a month "YYYY-MM" or a week from its Monday "YYYY-MM-DD") and its length in ms. */
  function periodSpan(period, week) {
    var start, end;
    if (week) {
      start = Date.parse(period + "T00:00:00Z");
      end = start + 7 * DAY;
    } else {
      var y = parseInt(period.substr(0, 4), 10), m = parseInt(period.substr(5, 2), 10) - 1;
      start = Date.UTC(y, m, 1);
      end = Date.UTC(y + (m === 11 ? 1 : 0), (m + 1) % 12, 1);
    }
    return { mid: new Date((start + end) / 2).toISOString(), width: end - start };
  }

  /* Dyad timeline: bars stacked by QuadClass (each as wide as its own month or week),
     mean Goldstein as a line that breaks over empty periods. */
  function timeline(el) {
    load(el, function (data) {
      if (!data.bars.length) { empty(el, "No dated events match these filters."); return; }
      var week = data.interval === "week";
      var noun = data.unit === "mentions" ? " mentions, " : " events, ";
      var traces = [1, 2, 3, 4].map(function (q) {
        var bars = data.bars.filter(function (b) { return b.quad_class === q; });
        var spans = bars.map(function (b) { return periodSpan(b.period, week); });
        return {
          type: "bar", name: q + " " + QUAD[q].name, marker: { color: QUAD[q].color },
          x: spans.map(function (s) { return s.mid; }),
          width: spans.map(function (s) { return s.width * 0.85; }),
          y: bars.map(function (b) { return b.events; }),
          customdata: bars.map(function (b) { return [b.since, b.until, q]; }),
          hovertemplate: "%{customdata[0]}: %{y}" + noun + QUAD[q].name + "<extra></extra>"
        };
      }).filter(function (t) { return t.x.length; });
      traces.push({
        type: "scatter", mode: "lines+markers", name: "mean Goldstein", yaxis: "y2", connectgaps: false,
        line: { color: "#333", width: 2 }, marker: { size: 5 },
        x: data.periods.map(function (p) { return periodSpan(p.period, week).mid; }),
        y: data.periods.map(function (p) { return p.mean_goldstein; }),
        hovertemplate: "mean Goldstein %{y:+.2f}<extra></extra>"
      });
      var layout = {
        barmode: "stack", margin: { t: 20, r: 60, b: 60, l: 50 }, hovermode: "closest",
        xaxis: { type: "date", title: { text: week ? "week (from Monday)" : "month" } },
        yaxis: { title: { text: data.unit === "mentions" ? "mentions" : "events" }, rangemode: "tozero" },
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

  /* Labels that do not overlap: the busiest nodes first; each tries above, below, right,
     left of its node, and stays unlabelled (hover still names it) when all four collide. */
  function placeLabels(el, nodes, sizes) {
    var xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = "12px " + ((el._fullLayout.font && el._fullLayout.font.family) || "sans-serif");
    var PAD = 3;  // plotly's gap between a marker and its text, and a margin around each label
    var order = nodes.map(function (n, i) { return i; }).sort(function (a, b) { return nodes[b].events - nodes[a].events; });
    var boxes = [], positions = nodes.map(function () { return "top center"; }), texts = nodes.map(function () { return ""; });
    // the markers themselves are obstacles too
    var marks = nodes.map(function (n, i) {
      var px = xa.l2p(n.x) + xa._offset, py = ya.l2p(n.y) + ya._offset, r = sizes[i] / 2;
      return { x0: px - r, x1: px + r, y0: py - r, y1: py + r };
    });
    Array.prototype.push.apply(boxes, marks);
    function hits(b) {
      for (var k = 0; k < boxes.length; k++) {
        var o = boxes[k];
        if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) { return true; }
      }
      return false;
    }
    order.forEach(function (i) {
      var label = nodes[i].id, w = ctx.measureText(label).width * 1.1 + 2 * PAD, h = 16 + PAD, m = marks[i];
      var cx = (m.x0 + m.x1) / 2, cy = (m.y0 + m.y1) / 2;
      var tries = [
        ["top center", { x0: cx - w / 2, x1: cx + w / 2, y0: m.y0 - h - PAD, y1: m.y0 }],
        ["bottom center", { x0: cx - w / 2, x1: cx + w / 2, y0: m.y1, y1: m.y1 + h + PAD }],
        ["middle right", { x0: m.x1, x1: m.x1 + w + PAD, y0: cy - h / 2, y1: cy + h / 2 }],
        ["middle left", { x0: m.x0 - w - PAD, x1: m.x0, y0: cy - h / 2, y1: cy + h / 2 }]
      ];
      for (var t = 0; t < tries.length; t++) {
        if (!hits(tries[t][1])) {
          positions[i] = tries[t][0];
          texts[i] = label;
          boxes.push(tries[t][1]);
          break;
        }
      }
    });
    return { positions: positions, texts: texts };
  }

  /* Network: nodes (size ~ events) and edges (width ~ events, colour ~ mean Goldstein). */
  function network(el) {
    load(el, function (data) {
      var note = document.getElementById("countryless-note");
      if (note && data.hidden_events) {
        note.hidden = false;
        note.textContent = data.hidden_events + " " + (data.unit === "mentions" ? "mentions" : "events") +
          " between actors of no known country (bare GOV, EDU ...) are hidden; choose “No country: group” or “show” to see them.";
      }
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
      var sizes = data.nodes.map(function (n) { return 10 + 30 * Math.sqrt(n.events / maxNode); });
      traces.push({
        type: "scatter", mode: "markers+text", showlegend: false,
        x: data.nodes.map(function (n) { return n.x; }),
        y: data.nodes.map(function (n) { return n.y; }),
        text: data.nodes.map(function (n) { return n.id; }),
        customdata: data.nodes.map(function (n) { return n.id; }),
        textposition: "top center", textfont: { size: 12 },
        hovertemplate: "%{customdata}: %{marker.size:.0f}<extra>click to filter</extra>",
        hovertext: data.nodes.map(function (n) { return n.events; }),
        marker: { size: sizes,
          color: data.nodes.map(function (n) { return n.group ? "#e0e0e0" : "#f8f8f8"; }),
          line: { color: "#444", width: 1.5 } }
      });
      var nodeTrace = traces.length - 1;
      traces[nodeTrace].hovertemplate = "%{customdata}: %{hovertext} " + (data.unit === "mentions" ? "mentions" : "events") +
        "<extra>click to filter</extra>";
      // a colour bar for the edges
      traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], showlegend: false, hoverinfo: "skip",
        marker: { colorscale: SCALE, cmin: -10, cmax: 10, color: [0], showscale: true,
          colorbar: { title: { text: "mean<br>Goldstein" }, thickness: 12 } } });
      var axis = { visible: false, range: [-0.08, 1.08] };
      var layout = { margin: { t: 10, r: 10, b: 10, l: 10 }, xaxis: axis, yaxis: axis, hovermode: "closest", dragmode: "pan" };
      return Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
        var labels = placeLabels(el, data.nodes, sizes);
        return Plotly.restyle(el, { text: [labels.texts], textposition: [labels.positions] }, [nodeTrace]);
      }).then(function () {
        el.on("plotly_click", function (ev) {
          var pt = ev.points && ev.points[0];
          if (!pt || typeof pt.customdata !== "string" || pt.customdata === "(no country)") { return; }
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
