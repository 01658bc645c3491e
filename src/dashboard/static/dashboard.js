// modelmux dashboard: fetches /api/dashboard and draws it with plain DOM and inline SVG.
// Every value from the server is set with textContent, never parsed as HTML.

const REFRESH_MS = 5000;
const SVG = "http://www.w3.org/2000/svg";
const TOKEN_STORAGE = "modelmux.token";

const state = { timer: undefined, windowName: "24h" };

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function svgElement(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatUsd(value) {
  if (value === 0) return "$0";
  if (Math.abs(value) >= 1) return `$${value.toFixed(2)}`;
  if (Math.abs(value) >= 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toPrecision(2)}`;
}

function formatCount(value) {
  return Math.round(value).toLocaleString("en-US");
}

function formatPercent(ratio) {
  return ratio === null || ratio === undefined ? "–" : `${(ratio * 100).toFixed(1)}%`;
}

function formatMs(value) {
  if (value === null || value === undefined) return "–";
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

// "300 / 900 ms" when both are under a second: fits the tile on one line.
function formatLatencyPair(p50, p95) {
  if (p95 < 1000) return `${Math.round(p50)} / ${Math.round(p95)} ms`;
  return `${formatMs(p50)} / ${formatMs(p95)}`;
}

function setFigure(name, text) {
  const node = document.querySelector(`[data-figure="${name}"]`);
  if (node) node.textContent = text;
}

function renderTotals(totals) {
  setFigure("spend", formatUsd(totals.cost_usd));
  setFigure("saved", `saved ${formatUsd(totals.saved_usd)} (cache ${formatUsd(totals.saved_by_cache_usd)})`);
  setFigure("requests", formatCount(totals.requests));
  setFigure("errors", `${formatCount(totals.errors)} failed (${formatPercent(totals.error_rate)})`);
  setFigure("cache-hit-rate", formatPercent(totals.cache_hit_rate));
  setFigure("tokens", `${formatCount(totals.tokens_in)} in · ${formatCount(totals.tokens_out)} out tokens`);
  setFigure("latency", formatLatencyPair(totals.latency_p50_ms, totals.latency_p95_ms));
}

function emptyNote(container, text) {
  container.replaceChildren(element("p", { class: "empty" }, [text]));
}

function renderTimeChart(container, buckets, bucketName) {
  if (buckets.every((bucket) => bucket.cost_usd === 0 && bucket.requests === 0)) {
    emptyNote(container, "No requests in this window yet.");
    return;
  }
  const width = 900;
  const height = 200;
  const left = 56;
  const right = 24; // room for the last time label
  const bottom = 22;
  const top = 10;
  const max = Math.max(...buckets.map((bucket) => bucket.cost_usd), 0) || 1;
  const slot = (width - left - right) / buckets.length;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": "spend over time",
  });
  const plot = height - bottom - top;
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plot * (1 - fraction);
    svg.append(svgElement("line", { x1: left, x2: width - right, y1: y, y2: y, class: "grid" }));
    svg.append(
      svgElement(
        "text",
        { x: left - 6, y: y + 4, class: "axis", "text-anchor": "end" },
        formatUsd(max * fraction),
      ),
    );
  }
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  buckets.forEach((bucket, index) => {
    const barHeight = (bucket.cost_usd / max) * plot;
    const x = left + index * slot;
    const bar = svgElement("rect", {
      x: x + slot * 0.12,
      y: top + plot - barHeight,
      width: Math.max(1, slot * 0.76),
      height: Math.max(bucket.requests > 0 ? 1 : 0, barHeight),
      class: "bar",
    });
    const start = new Date(bucket.start);
    const when = bucketName === "day" ? start.toLocaleDateString() : start.toLocaleString();
    bar.append(
      svgElement("title", {}, `${when}: ${formatUsd(bucket.cost_usd)}, ${bucket.requests} requests`),
    );
    svg.append(bar);
    if (index % labelEvery === 0) {
      const label =
        bucketName === "day"
          ? start.toLocaleDateString(undefined, { month: "short", day: "numeric" })
          : start.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
      svg.append(
        svgElement("text", { x: x + slot / 2, y: height - 6, class: "axis", "text-anchor": "middle" }, label),
      );
    }
  });
  container.replaceChildren(svg);
}

function renderBarList(container, rows, nameField) {
  const shown = rows.filter((row) => row.requests > 0).slice(0, 10);
  if (shown.length === 0) {
    emptyNote(container, "Nothing yet.");
    return;
  }
  const rowHeight = 26;
  const width = 440;
  const labelWidth = 150;
  const valueWidth = 130;
  const max = Math.max(...shown.map((row) => row.cost_usd), 0) || 1;
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${shown.length * rowHeight}`,
    role: "img",
    "aria-label": `spend by ${nameField}`,
  });
  shown.forEach((row, index) => {
    const y = index * rowHeight;
    const name = row[nameField] ?? "none";
    svg.append(
      svgElement(
        "text",
        { x: 0, y: y + 17, class: "label" },
        name.length > 22 ? `${name.slice(0, 21)}…` : name,
      ),
    );
    const barWidth = ((width - labelWidth - valueWidth) * row.cost_usd) / max;
    const bar = svgElement("rect", {
      x: labelWidth,
      y: y + 5,
      width: Math.max(2, barWidth),
      height: 16,
      rx: 3,
      class: "bar",
    });
    bar.append(svgElement("title", {}, `${name}: ${formatUsd(row.cost_usd)} over ${row.requests} requests`));
    svg.append(bar);
    svg.append(
      svgElement(
        "text",
        { x: width, y: y + 17, class: "value", "text-anchor": "end", "data-name": name },
        `${formatUsd(row.cost_usd)} · ${formatCount(row.requests)} req`,
      ),
    );
  });
  container.replaceChildren(svg);
}

function cell(text, className) {
  return element("td", className ? { class: className } : {}, [text]);
}

function renderHealth(rows) {
  const body = document.querySelector("#health tbody");
  if (rows.length === 0) {
    body.replaceChildren(
      element("tr", {}, [element("td", { colspan: "6", class: "empty" }, ["No upstream calls yet."])]),
    );
    return;
  }
  body.replaceChildren(
    ...rows.map((row) =>
      element("tr", {}, [
        cell(row.deployment),
        element("td", {}, [
          element("span", { class: `badge ${row.breaker}` }, [row.breaker.replace("_", "-")]),
        ]),
        cell(formatPercent(row.uptime), "number"),
        cell(formatMs(row.latency_ms), "number"),
        cell(formatCount(row.requests), "number"),
        cell(formatCount(row.failures), "number"),
      ]),
    ),
  );
}

function renderRecent(rows) {
  const body = document.querySelector("#recent tbody");
  if (rows.length === 0) {
    body.replaceChildren(
      element("tr", {}, [element("td", { colspan: "10", class: "empty" }, ["No requests yet."])]),
    );
    return;
  }
  body.replaceChildren(
    ...rows.map((row) =>
      element("tr", {}, [
        cell(new Date(row.time).toLocaleTimeString()),
        cell(row.key),
        cell(row.tool),
        cell(row.model ?? row.requested_model),
        cell(row.provider ?? "–"),
        cell(row.cache),
        cell(`${formatCount(row.tokens_in)} / ${formatCount(row.tokens_out)}`, "number"),
        cell(formatUsd(row.cost_usd), "number"),
        cell(formatMs(row.latency_ms), "number"),
        element("td", {}, [
          element("span", { class: `badge ${row.error ? "open" : "closed"}` }, [row.error ?? "ok"]),
        ]),
      ]),
    ),
  );
}

function render(data) {
  renderTotals(data.totals);
  document.getElementById("bucket-note").textContent = `(${data.bucket === "day" ? "daily" : "hourly"}, USD)`;
  renderTimeChart(document.getElementById("spend-over-time"), data.spend_over_time, data.bucket);
  renderBarList(document.getElementById("spend-by-model"), data.by_model, "model");
  renderBarList(document.getElementById("spend-by-provider"), data.by_provider, "provider");
  renderHealth(data.health);
  renderRecent(data.recent);
}

function setStatus(text, kind) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

async function refresh() {
  clearTimeout(state.timer);
  const token = sessionStorage.getItem(TOKEN_STORAGE);
  try {
    const response = await fetch(`api/dashboard?window=${encodeURIComponent(state.windowName)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: "no-store",
    });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_STORAGE);
      document.getElementById("content").hidden = true;
      document.getElementById("login").hidden = false;
      setStatus(token ? "token rejected" : "sign in", "warn");
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    render(data);
    document.getElementById("login").hidden = true;
    document.getElementById("content").hidden = false;
    document.body.dataset.loadedAt = data.generated_at;
    setStatus(`updated ${new Date(data.generated_at).toLocaleTimeString()}`, "ok");
  } catch (error) {
    setStatus(`update failed: ${error.message}; retrying`, "warn");
  }
  state.timer = setTimeout(refresh, REFRESH_MS);
}

function start() {
  const select = document.getElementById("window");
  const fromUrl = new URLSearchParams(location.search).get("window");
  if (fromUrl && [...select.options].some((option) => option.value === fromUrl)) select.value = fromUrl;
  state.windowName = select.value;
  select.addEventListener("change", () => {
    state.windowName = select.value;
    void refresh();
  });
  document.getElementById("login").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_STORAGE, document.getElementById("token").value.trim());
    void refresh();
  });
  void refresh();
}

start();
