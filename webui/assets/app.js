// mutualsim serve: the page. Hand-written, no dependencies, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const SVGNS = "http://www.w3.org/2000/svg";
const DASHES = ["", "7 4", "2 3", "10 3 2 3", "4 2", "12 4", "1 2", "6 2 2 2 2 2"];
const EXTRA_COLOURS = ["#0072B2", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];
const GHOST = "#777";
const NUM = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const NUM1 = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COUNT_UNITS = /^(providers|mutuals|staff|tenders|awards|proposals|organisations|bidders|count|firms)$/i;

const S = {
  catalog: null,
  leverByName: new Map(),
  measureUnit: new Map(),
  scenario: null,           // catalog scenario object (or null with a file)
  file: null,               // {name, text}
  base: new Map(),          // lever -> value of the scenario (before user changes)
  changes: new Map(),       // lever -> value the user set (differs from base)
  controls: new Map(),      // lever -> {get(), set(v), row, mark}
  session: null,            // POST sessions response
  es: null,
  frames: new Map(),        // year -> frame
  branches: [],             // [{year, set}]
  playing: false,
  done: false,
  dirty: false,             // lever edits not yet applied to the session
  needsRestart: false,
  busy: false,
  predict: false,
  predictions: [],          // {chart, year, value}
  restoring: false,
};

/* ---------- formatting ---------- */

function isShareUnit(u) { return /^share/i.test(u || ""); }
function isMoneyUnit(u) { return /^£m/.test(u || ""); }
function isCountUnit(u) { return COUNT_UNITS.test((u || "").trim()) || /^HHI/.test(u || ""); }

function sig3(x) {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1000) return NUM.format(x);
  return String(Number(x.toPrecision(3)));
}

// fmt formats a value of a measure with the given unit for people to read.
function fmt(x, unit, opt = {}) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const sign = opt.signed && x > 0 ? "+" : "";
  if (isShareUnit(unit)) return sign + NUM1.format(x * 100) + (opt.bare ? "" : opt.signed ? " pp" : "%");
  if (isMoneyUnit(unit)) {
    const a = Math.abs(x);
    const s = a >= 100 ? NUM.format(x) : a >= 1 ? NUM1.format(x) : sig3(x);
    return opt.bare ? sign + s : (x < 0 ? "−£" + s.replace("-", "") : sign + "£" + s) + "m";
  }
  if (isCountUnit(unit)) return sign + (Math.abs(x) >= 100 ? NUM.format(x) : NUM1.format(x));
  return sign + sig3(x);
}

function fmtTick(x, unit, step) {
  if (isShareUnit(unit)) {
    let d = 0;
    while (d < 4 && Math.abs(step * 100 * 10 ** d - Math.round(step * 100 * 10 ** d)) > 1e-6) d++;
    return (x * 100).toFixed(d) + "%";
  }
  if (Math.abs(step) >= 1 && Number.isInteger(step)) return NUM.format(x);
  let d = 0;
  while (d < 6 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-6) d++;
  return x.toFixed(d);
}

function cleanNum(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return String(Number(n.toPrecision(10)));
}

function sameValue(a, b) {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  const x = Number(a), y = Number(b);
  if (String(a).trim() !== "" && String(b).trim() !== "" && Number.isFinite(x) && Number.isFinite(y)) return x === y;
  return String(a).replace(/[\s,]+/g, " ").trim() === String(b).replace(/[\s,]+/g, " ").trim();
}

/* ---------- DOM helpers ---------- */

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== "") e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function status(msg, kind) {
  const s = $("status");
  s.textContent = msg;
  s.className = kind || "";
}

/* ---------- HTTP ---------- */

async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body !== undefined ? { "Content-Type": "application/json" } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    const e = new Error("Cannot reach the mutualsim server (" + err.message + "). Check that “mutualsim serve” is still running and try again.");
    e.status = 0;
    throw e;
  }
  let data = null;
  const text = await res.text();
  if (text) { try { data = JSON.parse(text); } catch { data = { error: text.slice(0, 200) }; } }
  if (!res.ok) {
    const e = new Error((data && data.error) || res.status + " " + res.statusText);
    e.status = res.status;
    e.data = data || {};
    throw e;
  }
  return data;
}

function explain(err) {
  if (err.status === 503) return err.message + " — the server is running as many simulations as it allows. Close a run in another tab, or wait a minute (idle runs are freed), then press Start again.";
  if (err.status === 413) return "The request is too large for the server" + (S.file ? " (the uploaded scenario file)" : "") + ". Use a smaller scenario file or fewer lever changes.";
  if (err.status === 409) return err.message + " (pause first, or Reset if the run is finished).";
  if (err.status === 404 && S.session) return "The server no longer knows this run (it may have been freed). Press Start to begin a new one.";
  return err.message;
}

function clearProblems() {
  for (const e of document.querySelectorAll(".error")) e.textContent = "";
  for (const e of document.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

function showProblems(err) {
  clearProblems();
  const probs = (err.data && err.data.problems) || [];
  let unplaced = [];
  for (const p of probs) {
    const field = p.field || "set";
    const msg = p.message + (p.line ? " (line " + p.line + ")" : "");
    let box = document.querySelector('.error[data-for="' + CSS.escape(field) + '"]');
    if (!box) { unplaced.push(field + ": " + msg); continue; }
    box.textContent = box.textContent ? box.textContent + "; " + msg : msg;
    for (let d = box.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    const ctl = box.dataset.control ? $(box.dataset.control) : box.parentElement.querySelector("input,select,textarea");
    if (ctl) ctl.setAttribute("aria-invalid", "true");
  }
  if (unplaced.length) $("err-set").textContent = unplaced.join("; ");
  status((err.message || "The server refused the request") + (probs.length ? " — see the messages beside the fields." : ""), "bad");
}

function fail(err) {
  if (err.status === 400 && err.data && err.data.problems) showProblems(err);
  else status(explain(err), "bad");
}

/* ---------- catalog and controls ---------- */

function scenarioLevers(sc) {
  const m = new Map();
  for (const l of S.catalog.levers) m.set(l.name, String(l.default));
  // changes with a year are the scenario's timeline: the server applies them in that year
  if (sc) for (const c of sc.changes || []) if (!c.year) m.set(c.lever, String(c.value));
  return m;
}

function leverId(name) { return "lever-" + name.replace(/[^A-Za-z0-9_-]/g, "-"); }

function buildLever(l) {
  const id = leverId(l.name);
  const row = el("div", { class: "lever", "data-lever": l.name });
  const helpId = id + "-help", errId = id + "-err";
  const range = [];
  if (l.allowed && l.allowed.length && l.kind === "enum") range.push(l.allowed.join(" | "));
  else if (l.kind !== "bool" && l.min !== undefined && l.min !== null && l.max !== undefined && l.max !== null) range.push("range " + l.min + " to " + l.max);
  const help = el("p", { class: "help", id: helpId },
    el("span", { class: "meta", text: [l.unit, ...range, "default " + l.default].filter(Boolean).join(" · ") }),
    document.createTextNode(" " + (l.desc || "")));
  if (l.source) help.title = "Source: " + l.source;
  const mark = el("span", { class: "mark", title: "changed from the default", text: "●", hidden: true });
  const markText = el("span", { class: "vh", text: "" });
  const desc = helpId + " " + errId;
  let get, set, ctl;
  const labelText = l.name.slice(l.name.indexOf(".") + 1).replace(/_/g, " ");
  const label = el("label", { for: id }, mark, l.featured ? el("span", { class: "sect", text: l.section + ": " }) : null, document.createTextNode(labelText), markText);
  if (l.kind === "enum") {
    ctl = el("select", { id, name: l.name, "aria-describedby": desc });
    for (const a of l.allowed || []) ctl.append(el("option", { value: a, text: a }));
    get = () => ctl.value;
    set = (v) => {
      if (![...ctl.options].some((o) => o.value === v)) ctl.append(el("option", { value: v, text: v }));
      ctl.value = v;
    };
    row.append(label, ctl);
  } else if (l.kind === "bool") {
    ctl = el("input", { type: "checkbox", role: "switch", id, name: l.name, "aria-describedby": desc });
    get = () => (ctl.checked ? "true" : "false");
    set = (v) => { ctl.checked = String(v) === "true"; };
    row.classList.add("bool");
    row.append(ctl, label);
  } else if ((l.kind === "float" || l.kind === "int") && Number.isFinite(l.min) && Number.isFinite(l.max) && l.max > l.min) {
    const step = l.kind === "int" ? 1 : (l.max - l.min) / 100;
    const slider = el("input", { type: "range", id: id + "-range", min: l.min, max: l.max, step, "aria-label": labelText + " (slider)", "aria-describedby": desc });
    ctl = el("input", { type: "number", id, name: l.name, min: l.min, max: l.max, step: l.kind === "int" ? 1 : "any", "aria-describedby": desc, inputmode: "decimal" });
    slider.addEventListener("input", () => { ctl.value = l.kind === "int" ? String(Math.round(slider.value)) : cleanNum(slider.value); leverChanged(l.name); });
    ctl.addEventListener("input", () => { if (ctl.value !== "") slider.value = ctl.value; });
    get = () => ctl.value.trim();
    set = (v) => { ctl.value = v; slider.value = v; };
    row.append(label, el("div", { class: "pair" }, slider, ctl));
  } else {
    ctl = el("input", { type: l.kind === "schedule" ? "text" : "number", id, name: l.name, "aria-describedby": desc, spellcheck: "false", step: l.kind === "int" ? 1 : "any" });
    if (l.kind === "schedule") ctl.placeholder = "2010:0.14,2015:0.2";
    get = () => ctl.value.trim();
    set = (v) => { ctl.value = v; };
    row.append(label, ctl);
  }
  for (const t of ["input", "change"]) ctl.addEventListener(t, () => leverChanged(l.name));
  row.append(help, el("span", { class: "error", "data-for": "lever:" + l.name, id: errId, "data-control": id }));
  S.controls.set(l.name, { get, set, row, mark, markText, lever: l });
  return row;
}

function buildLevers() {
  const feat = $("levers-featured"), adv = $("levers-advanced");
  feat.textContent = ""; adv.textContent = "";
  const sections = new Map();
  for (const l of S.catalog.levers) {
    if (l.featured) { feat.append(buildLever(l)); continue; }
    if (!sections.has(l.section)) {
      const d = el("details", { class: "section" }, el("summary", { text: l.section }));
      sections.set(l.section, d);
      adv.append(d);
    }
    sections.get(l.section).append(buildLever(l));
  }
  if (!feat.childElementCount) feat.append(el("p", { class: "hint", text: "No featured levers; see Advanced." }));
}

function markLever(name) {
  const c = S.controls.get(name);
  const changed = !sameValue(c.get(), String(c.lever.default));
  c.row.classList.toggle("changed", changed);
  c.mark.hidden = !changed;
  c.markText.textContent = changed ? " (changed from the default " + c.lever.default + ")" : "";
  c.row.dataset.changed = changed ? "true" : "false";
}

function setLeverValues(values) {
  for (const [name, c] of S.controls) {
    if (values.has(name)) c.set(values.get(name));
    markLever(name);
  }
}

function leverChanged(name) {
  const c = S.controls.get(name);
  const v = c.get();
  if (S.base.has(name) && sameValue(v, S.base.get(name))) S.changes.delete(name);
  else S.changes.set(name, v);
  markLever(name);
  const err = c.row.querySelector(".error");
  if (err) err.textContent = "";
  checkSoon();
  if (S.session) {
    S.dirty = true;
    if (!S.frames.size) status("Lever changed: press Start to run with it from the first year, or Step once and then Apply from next year.");
  }
  updateButtons();
}

function setList() { return [...S.changes].map(([k, v]) => k + "=" + v); }

function showScenario() {
  const sc = S.scenario;
  const q = $("scenario-question"), c = $("scenario-compare"), cv = $("scenario-caveat"), d = $("scenario-description");
  if (S.file) {
    q.textContent = "Uploaded file: " + S.file.name;
    c.textContent = "The file's own comparator, if it names one, runs as the ghost.";
    cv.hidden = true; d.textContent = "";
    return;
  }
  q.textContent = sc ? sc.question || "" : "";
  c.textContent = sc && sc.compare_to ? "Compared with " + sc.compare_to + "." : "No comparator (no ghost, no paired differences).";
  cv.textContent = sc && sc.caveat ? "Caveat: " + sc.caveat : "";
  cv.hidden = !(sc && sc.caveat);
  d.textContent = sc ? sc.description || "" : "";
  const tl = sc ? (sc.changes || []).filter((x) => x.year) : [];
  if (tl.length) d.append(el("span", { class: "timeline", text: "Timeline: " + tl.map((x) => x.year + " " + x.lever + "=" + x.value).join("; ") + "." }));
}

function chooseScenario(name, keepSettings) {
  const cat = S.catalog;
  S.scenario = cat.scenarios.find((s) => s.name === name) || cat.scenarios[0] || null;
  $("scenario").value = S.scenario ? S.scenario.name : "";
  S.base = scenarioLevers(S.scenario);
  S.changes = new Map();
  setLeverValues(S.base);
  if (!keepSettings) {
    const d = Object.assign({}, cat.defaults, S.scenario || {});
    for (const k of ["seed", "reps", "years", "start_year"]) if (d[k] !== undefined) $(k).value = d[k];
    if (d.scale) $("scale").value = d.scale;
  }
  showScenario();
  settingsChanged();
}

function settingsChanged() {
  if (S.session) { S.needsRestart = true; status("Settings changed: press Start again to begin a new run with them."); }
  updateButtons();
  checkSoon();
}

async function loadCatalog() {
  status("Loading the catalogue…");
  let cat;
  try { cat = await api("GET", "api/catalog"); } catch (err) {
    status(explain(err), "bad");
    const b = el("button", { type: "button", text: "Retry", onclick: () => { b.remove(); loadCatalog(); } });
    $("status").append(" ", b);
    return;
  }
  S.catalog = cat;
  cat.levers = cat.levers || []; cat.scenarios = cat.scenarios || []; cat.charts = cat.charts || []; cat.measures = cat.measures || [];
  cat.defaults = cat.defaults || {};
  $("version").textContent = cat.version || "?";
  for (const l of cat.levers) S.leverByName.set(l.name, l);
  for (const m of cat.measures) S.measureUnit.set(m.name ?? m.Name, m.unit ?? m.Unit);
  const sel = $("scenario");
  sel.textContent = "";
  for (const s of cat.scenarios) sel.append(el("option", { value: s.name, text: s.name + (s.compare_to ? " (vs " + s.compare_to + ")" : "") }));
  const sc = $("scale");
  sc.textContent = "";
  for (const s of cat.scales || []) sc.append(el("option", { value: s.name, title: s.description || "", text: s.name + " (" + NUM.format(s.staff) + " staff, " + s.regions + " regions)" }));
  const lim = cat.limits || {};
  if (lim.max_reps) $("reps").max = lim.max_reps;
  if (lim.max_years) $("years").max = lim.max_years;
  buildLevers();
  buildCharts();
  chooseScenario(cat.defaults.scenario || (cat.scenarios[0] && cat.scenarios[0].name), false);
  S.needsRestart = false;
  if (matchMedia("(max-width: 800px)").matches) { $("levers-panel").open = false; $("settings-panel").open = false; }
  status("Ready: choose a scenario and press Start.");
  updateButtons();
  renderAll();
  if (location.hash.length > 1) restoreFromHash().catch(fail);
}

/* ---------- session ---------- */

function num(id) { const v = $(id).value.trim(); return v === "" ? undefined : Number(v); }

/* fetch the run folder first, so that a refusal is said in #status rather
   than saved as a file */
async function download(href, format) {
  status("Preparing the " + format + " download: the server runs the whole run into a folder, which can take a while…");
  let res;
  try { res = await fetch(href); } catch (err) { status("Cannot reach the mutualsim server (" + err.message + ").", "bad"); return; }
  if (!res.ok) {
    let msg = res.status + " " + res.statusText;
    try { msg = (await res.json()).error || msg; } catch { /* keep the status line */ }
    const e = new Error(msg); e.status = res.status;
    status(explain(e), "bad");
    return;
  }
  const blob = await res.blob();
  const m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
  const a = el("a", { href: URL.createObjectURL(blob), download: m ? m[1] : "run." + format + ".zip" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  status("Downloaded the run folder (" + format + ", " + Math.round(blob.size / 1024) + " KiB) with its report.");
}

/* the request Start sends: scenario or file, lever changes, run settings */
function requestBody() {
  const body = { set: setList(), ghost: $("ghost").checked };
  if (S.file) body.file = S.file; else body.scenario = $("scenario").value;
  for (const k of ["seed", "reps", "years", "start_year"]) { const v = num(k); if (v !== undefined) body[k] = v; }
  // A seed beyond 2^53 is sent digit for digit: a JavaScript number would round it.
  const seedText = $("seed").value.trim();
  if (/^[0-9]+$/.test(seedText) && !Number.isSafeInteger(Number(seedText)) && typeof JSON.rawJSON === "function") body.seed = JSON.rawJSON(seedText);
  if ($("scale").value) body.scale = $("scale").value;
  return body;
}

/* check the request as Start would, soon after a control changes, so that
   a bad value shows the loader's message beside its control at once */
let checkTimer = null;
function checkSoon() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(async () => {
    if (!S.catalog) return;
    try {
      await api("POST", "api/check", requestBody());
      clearProblems();
    } catch (err) {
      if (err.status === 400 && err.data && err.data.problems) showProblems(err);
    }
  }, 300);
}

function closeSession() {
  if (S.es) { S.es.close(); S.es = null; }
  if (S.session) {
    const id = S.session.id;
    fetch("api/sessions/" + encodeURIComponent(id), { method: "DELETE", keepalive: true }).catch(() => {});
  }
  S.session = null;
}

async function start() {
  if (!S.catalog || S.busy) return;
  clearProblems();
  const initial = setList();
  const body = requestBody();
  S.busy = true; updateButtons();
  status("Starting…");
  try {
    // create the new run first, so that a refused request keeps the old one
    let s;
    try { s = await api("POST", "api/sessions", body); } catch (err) {
      if (err.status !== 503 || !S.session) throw err;
      closeSession(); // at the server's limit: free ours and try once more
      s = await api("POST", "api/sessions", body);
    }
    closeSession();
    S.frames.clear(); S.branches = []; S.playing = false; S.done = false; S.dirty = false; S.needsRestart = false;
    S.session = s;
    s.set = initial;
    S.initialChanges = new Map(S.changes);
    if (s.levers) {
      // levers now = the scenario's values with our changes; keep the base of a file's levers
      for (const [k, v] of Object.entries(s.levers)) if (!S.changes.has(k)) S.base.set(k, String(v));
      setLeverValues(new Map(Object.entries(s.levers).map(([k, v]) => [k, String(v)])));
    }
    setCommand(s.command);
    const q = "api/sessions/" + encodeURIComponent(s.id) + "/download?format=";
    for (const f of ["csv", "parquet"]) { const a = $("download-" + f); a.href = q + f; a.removeAttribute("aria-disabled"); }
    openEvents();
    status("Started " + (s.scenario || "the scenario") + (s.comparator ? ", compared with " + s.comparator : "") + ": " + s.start_year + "–" + s.end_year + ", " + s.reps + " replications. Step or Play.");
  } catch (err) {
    fail(err);
  } finally {
    S.busy = false; updateButtons(); renderAll();
  }
}

function setCommand(cmd) { if (cmd) $("command").textContent = cmd; }

function openEvents() {
  const id = S.session.id;
  const es = new EventSource("api/sessions/" + encodeURIComponent(id) + "/events");
  S.es = es;
  const parse = (ev) => { try { return JSON.parse(ev.data); } catch { return null; } };
  es.addEventListener("frame", (ev) => { const f = parse(ev); if (f && S.es === es) addFrame(f); });
  es.addEventListener("state", (ev) => { const st = parse(ev); if (st && S.es === es) applyState(st); });
  es.addEventListener("reset", () => { if (S.es !== es) return; S.frames.clear(); S.branches = []; scheduleRender(); });
  es.addEventListener("error", (ev) => {
    if (S.es !== es) return;
    if (ev.data) { const e = parse(ev); status("Simulation error: " + ((e && e.error) || ev.data), "bad"); return; }
    if (es.readyState === EventSource.CLOSED) { status("The connection to the run was closed. Press Start to begin a new run.", "bad"); S.playing = false; updateButtons(); }
    else status("Connection to the server lost; reconnecting…", "bad");
  });
  es.addEventListener("open", () => { if ($("status").className === "bad" && /reconnecting/.test($("status").textContent)) status("Reconnected."); });
}

function addFrame(f) {
  if (typeof f.year !== "number") return;
  S.frames.set(f.year, f);
  if (S.session && f.year >= S.session.end_year) S.done = true;
  scheduleRender();
}

function applyState(st) {
  const wasPlaying = S.playing;
  S.playing = !!st.playing;
  S.done = !!st.done;
  if (Array.isArray(st.branches)) S.branches = st.branches;
  if (typeof st.delay_ms === "number" && document.activeElement !== $("speed")) { $("speed").value = st.delay_ms; $("speed-out").textContent = st.delay_ms + " ms"; }
  setCommand(st.command);
  if (st.levers && !S.dirty) setLeverValues(new Map(Object.entries(st.levers).map(([k, v]) => [k, String(v)])));
  if (wasPlaying && !S.playing) status(S.done ? "Run finished: " + rangeText() + "." : "Paused after " + lastYearText() + ".");
  if (S.done && !wasPlaying && st.done && S.frames.size && !S.restoring) status("Run finished: " + rangeText() + ".");
  updateButtons();
  scheduleRender();
}

function rangeText() { return S.session ? S.session.start_year + "–" + S.session.end_year : ""; }
function lastYear() { let y = null; for (const k of S.frames.keys()) if (y === null || k > y) y = k; return y; }
function lastYearText() { const y = lastYear(); return y === null ? "no years" : String(y); }

async function sessionPost(action, body) {
  return api("POST", "api/sessions/" + encodeURIComponent(S.session.id) + "/" + action, body);
}

async function step() {
  if (!S.session || S.playing || S.done || S.busy) return;
  S.busy = true; updateButtons();
  try {
    const r = await sessionPost("step");
    if (r && r.frame) addFrame(r.frame);
    status("Simulated " + lastYearText() + (S.done ? ": the run is finished." : "."));
  } catch (err) { fail(err); } finally { S.busy = false; updateButtons(); }
}

async function play() {
  if (!S.session || S.done) return;
  try {
    const st = await sessionPost("play", { delay_ms: Number($("speed").value) });
    S.playing = true;
    if (st) applyState(st);
    status("Playing…");
    if (document.activeElement === $("play")) $("pause").focus();
  } catch (err) { fail(err); } finally { updateButtons(); }
}

async function pause() {
  if (!S.session) return;
  try {
    const st = await sessionPost("pause");
    if (st) applyState(st);
    S.playing = false;
    status("Paused after " + lastYearText() + ".");
    if (document.activeElement === $("pause")) $("play").focus();
  } catch (err) { fail(err); } finally { updateButtons(); }
}

async function reset() {
  if (!S.session) return;
  try {
    const st = await sessionPost("reset");
    S.frames.clear(); S.branches = []; S.dirty = false; S.done = false;
    S.changes = new Map(S.initialChanges || []);
    if (st) applyState(st);
    status("Reset to the first year, levers as at the start.");
  } catch (err) { fail(err); } finally { updateButtons(); scheduleRender(); }
}

async function applyLevers() {
  if (!S.session) return;
  clearProblems();
  try {
    const st = await sessionPost("levers", { set: setList() });
    S.dirty = false;
    if (st) applyState(st);
    const y = lastYear();
    status("New lever values hold from " + (y === null ? "the first year" : y + 1) + ".");
  } catch (err) { fail(err); } finally { updateButtons(); }
}

function updateButtons() {
  const s = !!S.session, ready = !!S.catalog;
  $("start").disabled = !ready || S.busy;
  $("start").textContent = s ? "Start again" : "Start";
  $("step").disabled = !s || S.playing || S.done || S.busy;
  $("play").disabled = !s || S.playing || S.done || S.busy;
  $("pause").disabled = !s || !S.playing;
  $("reset").disabled = !s || S.busy;
  $("apply-levers").disabled = !(s && S.dirty && !S.playing && !S.done && S.frames.size > 0);
  $("restart-note").hidden = !(s && S.needsRestart);
  for (const f of ["csv", "parquet"]) {
    const a = $("download-" + f);
    if (!s) a.removeAttribute("href");
    if (!s || S.branches.length > 1) a.setAttribute("aria-disabled", "true"); else a.removeAttribute("aria-disabled");
  }
}

/* ---------- charts ---------- */

const chartEls = new Map(); // id -> {fig, box, table, legend, list, form}

function buildCharts() {
  const host = $("charts");
  host.textContent = "";
  chartEls.clear();
  for (const c of S.catalog.charts) {
    c.colors = (c.series || []).map((_, i) => (c.colors && c.colors[i]) || EXTRA_COLOURS[i % EXTRA_COLOURS.length]);
    c.labels = (c.series || []).map((m, i) => (c.labels && c.labels[i]) || m);
    const capId = "cap-" + c.id;
    const box = el("div", { class: "plot" });
    const legend = el("ul", { class: "legend", "aria-label": "Legend" });
    const table = el("table", { class: "figures" });
    const list = el("ul", { class: "prediction-list", "aria-label": "Predictions" });
    const yIn = el("input", { type: "number", id: "py-" + c.id, step: 1, inputmode: "numeric" });
    const vIn = el("input", { type: "number", id: "pv-" + c.id, step: "any", inputmode: "decimal" });
    const vLab = el("label", { for: "pv-" + c.id, text: "value" + (isShareUnit(c.unit) ? " (%)" : "") });
    const form = el("form", { class: "predict-form", "aria-label": "Add a prediction for " + c.labels[0] },
      el("label", { for: "py-" + c.id, text: "year" }), yIn, vLab, vIn,
      el("button", { type: "submit", text: "Add" }));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const y = Number(yIn.value), v = Number(vIn.value);
      if (yIn.value === "" || vIn.value === "" || !Number.isFinite(y) || !Number.isFinite(v)) { status("A prediction needs a year and a value.", "bad"); return; }
      addPrediction(c.id, Math.round(y), isShareUnit(c.unit) ? v / 100 : v);
      vIn.value = "";
    });
    box.addEventListener("click", (ev) => chartClick(c, box, ev));
    const fig = el("figure", { id: "chart-" + c.id, class: "chart", "aria-labelledby": capId },
      el("figcaption", { id: capId }, el("span", { class: "title", text: c.title }), el("span", { class: "unit", text: " " + unitLabel(c.unit) })),
      box, legend, form, list, el("div", { class: "scroll figs" }, table));
    host.append(fig);
    chartEls.set(c.id, { fig, box, table, legend, list, form, chart: c });
  }
}

function unitLabel(u) { return isShareUnit(u) ? "(%)" : u ? "(" + u + ")" : ""; }

function yearsRange() {
  if (S.session) return [S.session.start_year, S.session.end_year];
  const d = (S.catalog && S.catalog.defaults) || {};
  const s = num("start_year") ?? d.start_year ?? 2010, n = num("years") ?? d.years ?? 20;
  return [s, s + Math.max(1, n) - 1];
}

function triple(src, m) {
  const t = src && src[m];
  if (!Array.isArray(t)) return [null, null, null];
  return [t[0] ?? null, t[1] ?? null, t[2] ?? null];
}

function niceStep(span, n) {
  const raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

function isLight(hex) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || "");
  if (!m) return false;
  const n = parseInt(m[1], 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.7;
}

function pathOf(pts) {
  let d = "", pen = false;
  for (const p of pts) {
    if (!p) { pen = false; continue; }
    d += (pen ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1);
    pen = true;
  }
  return d;
}

function bandPaths(years, lows, highs, X, Y) {
  // one closed polygon per run of years where both bounds are known
  const out = [];
  let run = [];
  const flush = () => {
    if (run.length) {
      const top = run.map((i) => [X(years[i]), Y(highs[i])]), bot = run.map((i) => [X(years[i]), Y(lows[i])]).reverse();
      if (run.length === 1) { const x = top[0][0]; top.unshift([x - 2, top[0][1]]); top.push([x + 2, top[1][1]]); bot.unshift([x + 2, bot[0][1]]); bot.push([x - 2, bot[1][1]]); }
      out.push(pathOf(top.concat(bot)) + "Z");
    }
    run = [];
  };
  years.forEach((_, i) => { if (lows[i] !== null && highs[i] !== null) run.push(i); else flush(); });
  flush();
  return out;
}

function renderChart(ce) {
  const c = ce.chart, box = ce.box;
  const seminar = document.body.classList.contains("seminar");
  const W = Math.max(280, Math.round(box.clientWidth || 480));
  const H = Math.round(Math.min(seminar ? 520 : 340, Math.max(190, W * (seminar ? 0.55 : 0.52))));
  const fs = seminar ? 18 : 12;
  const M = { l: fs * 4.6, r: 12, t: 10, b: fs * 2.4 };
  const [y0, y1] = yearsRange();
  const years = [...S.frames.keys()].sort((a, b) => a - b);
  const frames = years.map((y) => S.frames.get(y));
  const hasGhost = frames.some((f) => f.ghost);
  const series = c.series.map((m) => ({
    m,
    v: frames.map((f) => triple(f.m, m)),
    g: frames.map((f) => triple(f.ghost, m)),
  }));
  // y domain
  let lo = Infinity, hi = -Infinity;
  const see = (x) => { if (x !== null && Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); } };
  for (const s of series) { for (const t of s.v) t.forEach(see); if (hasGhost) for (const t of s.g) t.forEach(see); }
  const preds = S.predictions.filter((p) => p.chart === c.id);
  for (const p of preds) see(p.value);
  const share = isShareUnit(c.unit);
  if (lo === Infinity) { lo = 0; hi = share ? 1 : 1; }
  if (lo >= 0 && lo <= 1.5 * (hi - lo)) lo = 0;
  if (hi <= 0 && -hi <= 1.5 * (hi - lo)) hi = 0;
  if (hi - lo < 1e-12) { const pad = Math.abs(hi) * 0.1 || 1; lo -= pad; hi += pad; if (lo < 0 && hi - 2 * pad >= 0 && share) lo = 0; }
  const ystep = niceStep(hi - lo, H < 240 ? 4 : 5);
  lo = Math.floor(lo / ystep + 1e-9) * ystep; hi = Math.ceil(hi / ystep - 1e-9) * ystep;
  if (hi === lo) hi = lo + ystep;
  const X = (yr) => M.l + (y1 === y0 ? 0.5 : (yr - y0) / (y1 - y0)) * (W - M.l - M.r);
  const Y = (v) => M.t + (1 - (v - lo) / (hi - lo)) * (H - M.t - M.b);
  ce.scale = { X, Y, W, H, M, y0, y1, lo, hi };

  const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "font-size": fs, preserveAspectRatio: "xMidYMid meet" });
  const last = years.length ? years[years.length - 1] : null;
  root.setAttribute("aria-label", ariaSummary(c, last));
  // axes
  const ax = svg("g", { class: "axis" });
  for (let v = lo, i = 0; v <= hi + ystep / 2 && i < 20; v = lo + ++i * ystep) {
    const y = Y(v);
    ax.append(svg("line", { x1: M.l, x2: W - M.r, y1: y, y2: y, class: Math.abs(v) < ystep / 1e6 ? "zero" : "grid" }));
    ax.append(svg("text", { x: M.l - 6, y: y + fs * 0.35, "text-anchor": "end" }, fmtTick(Math.abs(v) < ystep / 1e6 ? 0 : v, c.unit, ystep)));
  }
  const span = y1 - y0, maxTicks = Math.max(2, Math.floor((W - M.l - M.r) / (fs * 3.6)));
  const xstep = [1, 2, 5, 10, 20, 25, 50].find((s) => span / s + 1 <= maxTicks) || 50;
  ax.append(svg("line", { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, class: "base" }));
  for (let yr = Math.ceil(y0 / xstep) * xstep; yr <= y1; yr += xstep) {
    const x = X(yr);
    ax.append(svg("line", { x1: x, x2: x, y1: H - M.b, y2: H - M.b + 4, class: "base" }));
    ax.append(svg("text", { x, y: H - M.b + fs * 1.35, "text-anchor": "middle" }, String(yr)));
  }
  root.append(ax);
  // branch marks
  const marks = new Set(S.branches.map((b) => b.year));
  for (const f of frames) if (f.branch) marks.add(f.year);
  for (const yr of [...marks].sort((a, b) => a - b)) {
    if (yr < y0 || yr > y1) continue;
    const x = X(yr);
    const g = svg("g", { class: "branch-mark", "data-year": yr });
    g.append(svg("line", { x1: x, x2: x, y1: M.t, y2: H - M.b }));
    g.append(svg("text", { x: x + 3, y: M.t + fs, "text-anchor": x > W - 50 ? "end" : "start", dx: x > W - 50 ? -6 : 0 }, String(yr)));
    root.append(g);
  }
  const data = svg("g", { class: "data" });
  if (hasGhost) {
    for (const s of series) {
      for (const d of bandPaths(years, s.g.map((t) => t[1]), s.g.map((t) => t[2]), X, Y)) data.append(svg("path", { d, class: "ghost-band", fill: GHOST }));
      data.append(svg("path", { d: pathOf(years.map((yr, i) => (s.g[i][0] === null ? null : [X(yr), Y(s.g[i][0])]))), class: "ghost-line", stroke: GHOST, "stroke-dasharray": "5 4", fill: "none" }));
    }
  }
  series.forEach((s, i) => {
    const col = c.colors[i];
    for (const d of bandPaths(years, s.v.map((t) => t[1]), s.v.map((t) => t[2]), X, Y)) data.append(svg("path", { d, class: "band", fill: col }));
  });
  series.forEach((s, i) => {
    const col = c.colors[i], dash = DASHES[i % DASHES.length];
    const pts = years.map((yr, k) => (s.v[k][0] === null ? null : [X(yr), Y(s.v[k][0])]));
    const d = pathOf(pts);
    if (isLight(col)) data.append(svg("path", { d, class: "outline", fill: "none" }));
    data.append(svg("path", { d, class: "mean", stroke: col, "stroke-dasharray": dash, fill: "none", "data-measure": s.m }));
    const lp = [...pts].reverse().find(Boolean);
    if (lp) data.append(svg("circle", { cx: lp[0], cy: lp[1], r: seminar ? 5 : 3.2, class: "dot", fill: col }));
  });
  root.append(data);
  for (const p of preds) {
    if (p.year < y0 || p.year > y1) continue;
    const circ = svg("circle", { cx: X(p.year), cy: Y(p.value), r: seminar ? 8 : 5.5, class: "prediction", stroke: c.colors[0], "data-year": p.year, "data-value": p.value });
    circ.append(svg("title", {}, "Prediction " + p.year + ": " + fmt(p.value, c.unit)));
    root.append(circ);
  }
  if (!years.length) root.append(svg("text", { x: (M.l + W - M.r) / 2, y: (M.t + H - M.b) / 2, "text-anchor": "middle", class: "empty" }, S.session ? "Step or Play to simulate" : "Press Start to run the scenario"));
  box.textContent = "";
  box.append(root);
  box.classList.toggle("predicting", S.predict);

  renderLegend(ce, hasGhost, preds.length > 0);
  renderFigures(ce, last, hasGhost);
  renderPredList(ce, preds);
}

function ariaSummary(c, last) {
  if (last === null) return c.title + ": no years simulated yet.";
  const f = S.frames.get(last);
  const parts = c.series.map((m, i) => {
    const [v, l, h] = triple(f.m, m);
    return c.labels[i] + " " + fmt(v, c.unit) + (l !== null && h !== null ? " (" + fmt(l, c.unit, { bare: true }) + "–" + fmt(h, c.unit, { bare: true }) + ")" : "");
  });
  let s = c.title + ", " + last + ": " + parts.join(", ");
  if (f.ghost) s += "; ghost (" + ghostName() + "): " + c.series.map((m, i) => c.labels[i] + " " + fmt(triple(f.ghost, m)[0], c.unit)).join(", ");
  return s + ".";
}

function ghostName() { return (S.session && S.session.comparator) || (S.scenario && S.scenario.compare_to) || "comparator"; }

function swatch(col, dash, extra) {
  const s = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true", class: "swatch" });
  if (extra === "ghost") {
    s.append(svg("rect", { x: 0, y: 2, width: 34, height: 8, fill: GHOST, "fill-opacity": 0.12 }));
    s.append(svg("line", { x1: 0, x2: 34, y1: 6, y2: 6, stroke: GHOST, "stroke-width": 1.5, "stroke-dasharray": "5 4" }));
  } else if (extra === "pred") {
    s.append(svg("circle", { cx: 17, cy: 6, r: 4.5, fill: "none", stroke: col, "stroke-width": 2 }));
  } else {
    s.append(svg("rect", { x: 0, y: 1, width: 34, height: 10, fill: col, "fill-opacity": 0.2 }));
    if (isLight(col)) s.append(svg("line", { x1: 0, x2: 34, y1: 6, y2: 6, stroke: "#333", "stroke-width": 4.5, "stroke-dasharray": dash }));
    s.append(svg("line", { x1: 0, x2: 34, y1: 6, y2: 6, stroke: col, "stroke-width": 2.5, "stroke-dasharray": dash }));
  }
  return s;
}

function renderLegend(ce, hasGhost, hasPreds) {
  const c = ce.chart, ul = ce.legend;
  ul.textContent = "";
  c.series.forEach((m, i) => ul.append(el("li", {}, swatch(c.colors[i], DASHES[i % DASHES.length]), document.createTextNode(c.labels[i]))));
  if (hasGhost) ul.append(el("li", {}, swatch(GHOST, "", "ghost"), document.createTextNode("ghost: " + ghostName())));
  if (hasPreds) ul.append(el("li", {}, swatch(c.colors[0], "", "pred"), document.createTextNode("your predictions (" + c.labels[0] + ")")));
  ul.append(el("li", { class: "band-note", text: "bands: 95% interval" }));
}

function renderFigures(ce, last, hasGhost) {
  const c = ce.chart, t = ce.table;
  t.textContent = "";
  t.append(el("caption", { text: last === null ? c.title + ": no data yet" : c.title + " in " + last }));
  if (last === null) return;
  const f = S.frames.get(last), hasDiff = !!f.diff;
  const hr = el("tr", {}, el("th", { scope: "col", text: "Series" }), el("th", { scope: "col", text: "Mean" }), el("th", { scope: "col", text: "95% interval" }));
  if (hasGhost && f.ghost) hr.append(el("th", { scope: "col", text: "Ghost: " + ghostName() }));
  if (hasDiff) hr.append(el("th", { scope: "col", text: "Difference [95%]" }));
  t.append(el("thead", {}, hr));
  const tb = el("tbody");
  c.series.forEach((m, i) => {
    const raw = f.m && f.m[m];
    const [v, l, h] = triple(f.m, m);
    const td = el("td", { "data-measure": m, "data-year": String(last), "data-mean": String(Array.isArray(raw) ? raw[0] : raw), "data-low": String(l), "data-high": String(h), text: fmt(v, c.unit) });
    const tr = el("tr", {}, el("th", { scope: "row", text: c.labels[i] }), td, el("td", { text: l === null && h === null ? "—" : fmt(l, c.unit) + " – " + fmt(h, c.unit) }));
    if (hasGhost && f.ghost) {
      const [gv, gl, gh] = triple(f.ghost, m);
      tr.append(el("td", { class: "ghost", "data-ghost-measure": m, "data-ghost-mean": String(gv), text: fmt(gv, c.unit) + (gl !== null ? " (" + fmt(gl, c.unit, { bare: true }) + "–" + fmt(gh, c.unit, { bare: true }) + ")" : "") }));
    }
    if (hasDiff) {
      const [dv, dl, dh] = triple(f.diff, m);
      tr.append(el("td", { class: "diff", "data-diff-measure": m, "data-diff": String(dv), text: diffText(dv, dl, dh, c.unit) }));
    }
    tb.append(tr);
  });
  t.append(tb);
}

function diffText(d, l, h, unit) {
  if (d === null) return "—";
  return fmt(d, unit, { signed: true }) + " [" + fmt(l, unit, { signed: true, bare: true }) + ", " + fmt(h, unit, { signed: true, bare: true }) + "]";
}

function renderPredList(ce, preds) {
  const c = ce.chart, ul = ce.list;
  ul.textContent = "";
  ce.form.hidden = !S.predict;
  preds.forEach((p) => {
    const f = S.frames.get(p.year);
    const actual = f ? triple(f.m, c.series[0])[0] : null;
    const li = el("li", {}, document.createTextNode("Predicted " + c.labels[0] + " " + p.year + ": " + fmt(p.value, c.unit) + (actual !== null ? " — simulated " + fmt(actual, c.unit) : "") + " "));
    li.append(el("button", { type: "button", class: "small", text: "Remove", "aria-label": "Remove prediction " + p.year, onclick: () => { S.predictions.splice(S.predictions.indexOf(p), 1); scheduleRender(); } }));
    ul.append(li);
  });
}

function chartClick(c, box, ev) {
  if (!S.predict) return;
  const ce = chartEls.get(c.id), s = ce.scale, root = box.querySelector("svg");
  if (!s || !root || !root.getScreenCTM()) return;
  const pt = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(root.getScreenCTM().inverse());
  const yr = Math.round(s.y0 + ((pt.x - s.M.l) / (s.W - s.M.l - s.M.r)) * (s.y1 - s.y0));
  const v = s.lo + (1 - (pt.y - s.M.t) / (s.H - s.M.t - s.M.b)) * (s.hi - s.lo);
  if (yr < s.y0 || yr > s.y1 || pt.y < s.M.t - 4 || pt.y > s.H - s.M.b + 4) return;
  addPrediction(c.id, yr, Number(v.toPrecision(4)));
}

function addPrediction(chart, year, value) {
  S.predictions = S.predictions.filter((p) => !(p.chart === chart && p.year === year));
  S.predictions.push({ chart, year, value });
  const c = chartEls.get(chart);
  status("Prediction recorded: " + (c ? c.chart.labels[0] : chart) + " in " + year + ", " + (c ? fmt(value, c.chart.unit) : value) + ".");
  scheduleRender();
}

/* ---------- differences ---------- */

function renderDifferences() {
  const tb = $("differences").tBodies[0];
  tb.textContent = "";
  const last = lastYear();
  const f = last === null ? null : S.frames.get(last);
  if (!f || !f.diff) {
    tb.append(el("tr", { class: "empty" }, el("td", { colspan: 4, text: !f ? "No years simulated yet." : "This run has no comparator (turn on the ghost, or pick a scenario compared with another)." })));
    return;
  }
  const seen = new Set();
  for (const c of S.catalog.charts) c.series.forEach((m, i) => {
    if (seen.has(m)) return;
    seen.add(m);
    const unit = S.measureUnit.get(m) || c.unit;
    const [v] = triple(f.m, m), [g] = triple(f.ghost, m), [d, l, h] = triple(f.diff, m);
    const sig = l !== null && h !== null && (l > 0 || h < 0);
    const tr = el("tr", { "data-measure": m, "data-year": String(last), class: sig ? "sig" : "" },
      el("th", { scope: "row", text: c.labels[i] + " ", title: m }, el("span", { class: "meas", text: "(" + c.title + ")" })),
      el("td", { text: fmt(v, unit) }), el("td", { text: fmt(g, unit) }),
      el("td", { "data-diff": String(d), "data-low": String(l), "data-high": String(h) }, document.createTextNode(diffText(d, l, h, unit)),
        sig ? el("span", { class: "sig", title: "95% interval excludes 0" }, " ◆", el("span", { class: "vh", text: " (interval excludes 0)" })) : null));
    if (sig) tr.dataset.excludesZero = "true";
    tb.append(tr);
  });
}

/* ---------- rendering ---------- */

let renderTimer = 0;
function scheduleRender() {
  if (renderTimer) return;
  renderTimer = setTimeout(() => { renderTimer = 0; renderAll(); }, 0);
}

function renderAll() {
  if (!S.catalog) return;
  const y = lastYear();
  $("year").textContent = y === null ? "—" : String(y);
  for (const ce of chartEls.values()) renderChart(ce);
  renderDifferences();
  updateButtons();
}

/* ---------- share link ---------- */

// a readable hash: keep : = ; , as they are (values are split on the first one)
class Params {
  constructor() { this.parts = []; }
  set(k, v) { this.parts = this.parts.filter(([x]) => x !== k); this.append(k, v); }
  append(k, v) { this.parts.push([k, String(v)]); }
  toString() { return this.parts.map(([k, v]) => k + "=" + encodeURIComponent(v).replace(/%3A/gi, ":").replace(/%3D/gi, "=").replace(/%3B/gi, ";").replace(/%2C/gi, ",")).join("&"); }
}

function shareHash() {
  const p = new Params();
  p.set("s", $("scenario").value);
  for (const k of ["seed", "reps", "scale", "years"]) if ($(k).value !== "") p.set(k, $(k).value);
  const d = S.catalog.defaults || {};
  if ($("start_year").value !== "" && Number($("start_year").value) !== (S.scenario ? S.scenario.start_year : d.start_year)) p.set("start_year", $("start_year").value);
  if (!$("ghost").checked) p.set("ghost", "0");
  const initial = S.session && S.session.set ? S.session.set : setList();
  for (const s of initial) p.append("set", s);
  const y = lastYear();
  if (y !== null) p.set("year", String(y));
  for (const b of S.branches) p.append("b", b.year + ":" + (b.set || []).join(";"));
  for (const q of S.predictions) p.append("p", q.chart + ":" + q.year + ":" + q.value);
  if (document.body.classList.contains("seminar")) p.set("seminar", "1");
  return p.toString();
}

async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    status(what + " copied to the clipboard.");
  } catch {
    const ta = el("textarea", { class: "vh", readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    ta.remove();
    status(ok ? what + " copied to the clipboard." : "Could not copy to the clipboard: " + (what === "Command" ? "select the command and press Ctrl+C." : "copy the link from the address bar."), ok ? "" : "bad");
  }
}

async function restoreFromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (!p.has("s") && !p.has("seminar") && !p.has("p")) return;
  if (p.get("seminar") === "1") setSeminar(true);
  if (p.has("s")) chooseScenario(p.get("s"), false);
  for (const k of ["seed", "reps", "scale", "years", "start_year"]) if (p.has(k)) $(k).value = p.get(k);
  if (p.get("ghost") === "0") $("ghost").checked = false;
  for (const s of p.getAll("set")) {
    const i = s.indexOf("=");
    if (i <= 0) continue;
    const k = s.slice(0, i), v = s.slice(i + 1);
    S.changes.set(k, v);
    const c = S.controls.get(k);
    if (c) { c.set(v); markLever(k); }
  }
  S.predictions = [];
  for (const q of p.getAll("p")) {
    const [chart, yr, v] = q.split(":");
    if (chartEls.has(chart) && Number.isFinite(Number(yr)) && v !== undefined && Number.isFinite(Number(v))) S.predictions.push({ chart, year: Number(yr), value: Number(v) });
  }
  if (S.predictions.length) setPredict(true);
  const branches = p.getAll("b").map((b) => {
    const i = b.indexOf(":");
    return { year: Number(b.slice(0, i)), set: b.slice(i + 1).split(";").filter(Boolean) };
  }).filter((b) => Number.isFinite(b.year)).sort((a, b) => a.year - b.year);
  const target = p.has("year") ? Number(p.get("year")) : null;
  if (!p.has("s")) { scheduleRender(); return; }
  S.restoring = true;
  try {
    await start();
    if (!S.session) return;
    if (target === null || !Number.isFinite(target)) return;
    while (!S.done) {
      const next = (lastYear() ?? S.session.start_year - 1) + 1;
      if (next > target || next > S.session.end_year) break;
      const b = branches.find((x) => x.year === next);
      if (b) {
        S.changes = new Map(b.set.map((s) => { const i = s.indexOf("="); return [s.slice(0, i), s.slice(i + 1)]; }));
        for (const [k, v] of S.changes) { const c = S.controls.get(k); if (c) { c.set(v); markLever(k); } }
        await sessionPost("levers", { set: b.set }).then(applyState);
      }
      status("Restoring the shared run: " + next + " of " + target + "…");
      const r = await sessionPost("step");
      if (r && r.frame) addFrame(r.frame); else break;
    }
    status("Restored the shared run to " + lastYearText() + ".");
  } finally {
    S.restoring = false;
    S.dirty = false;
    updateButtons(); scheduleRender();
  }
}

/* ---------- modes ---------- */

function setSeminar(on) {
  document.body.classList.toggle("seminar", on);
  document.documentElement.classList.toggle("seminar", on);
  $("seminar").setAttribute("aria-pressed", on ? "true" : "false");
  if (on) $("advanced").open = false;
  scheduleRender();
}

function setPredict(on) {
  S.predict = on;
  $("predict").setAttribute("aria-pressed", on ? "true" : "false");
  document.body.classList.toggle("predicting", on);
  if (on) status("Predict then run: click a chart to record your prediction for its first series, or use the year/value form under it.");
  scheduleRender();
}

/* ---------- wiring ---------- */

function isTextField(t) {
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

function onKey(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
  const t = ev.target;
  if (isTextField(t)) return;
  const onButton = t && (t.tagName === "BUTTON" || t.tagName === "A" || t.tagName === "SUMMARY");
  if (ev.key === " " || ev.key === "Spacebar") {
    if (onButton || !S.session) return;
    ev.preventDefault();
    if (S.playing) pause(); else play();
  } else if (ev.key === "ArrowRight" || ev.key === "s" || ev.key === "S") {
    if (!S.session) return;
    ev.preventDefault();
    step();
  } else if (ev.key === "r" || ev.key === "R") {
    if (!S.session) return;
    ev.preventDefault();
    reset();
  }
}

function readFile(f) {
  const err = $("err-file");
  err.textContent = "";
  if (!f) return;
  if (f.size > 2 << 20) { err.textContent = "The file is larger than 2 MB; a scenario file is a few KB."; return; }
  const r = new FileReader();
  r.onload = () => {
    S.file = { name: f.name, text: String(r.result) };
    $("file-name").textContent = "Using " + f.name + " (" + NUM.format(f.size) + " bytes).";
    $("file-info").hidden = false;
    $("scenario").disabled = true;
    S.base = scenarioLevers(null);
    S.changes = new Map();
    setLeverValues(S.base);
    showScenario();
    settingsChanged();
    status("Scenario file " + f.name + " loaded: press Start to run it.");
  };
  r.onerror = () => { err.textContent = "Could not read the file: " + (r.error ? r.error.message : "unknown error"); };
  r.readAsText(f);
}

async function loadManual() {
  const body = $("manual-body");
  if (body.dataset.loaded) return;
  body.dataset.loaded = "1";
  body.textContent = "Loading…";
  try {
    const m = await api("GET", "api/manual");
    body.textContent = "";
    for (const pg of (m && m.pages) || []) {
      const d = el("details", {}, el("summary", { text: pg.path + (pg.short ? " — " + pg.short : "") }));
      if (pg.long) d.append(el("pre", { class: "man", text: pg.long }));
      if (pg.examples) d.append(el("pre", { class: "man ex", text: pg.examples }));
      body.append(d);
    }
    if (!body.childElementCount) body.textContent = "The manual is empty.";
  } catch (err) {
    delete body.dataset.loaded;
    body.textContent = explain(err);
  }
}

function wire() {
  $("setup").addEventListener("submit", (ev) => { ev.preventDefault(); start(); });
  $("scenario").addEventListener("change", () => chooseScenario($("scenario").value, false));
  for (const k of ["seed", "reps", "scale", "years", "start_year", "ghost"]) for (const t of ["input", "change"]) $(k).addEventListener(t, () => {
    const e = document.querySelector('.error[data-for="' + k + '"]');
    if (e) e.textContent = "";
    $(k).removeAttribute("aria-invalid");
    settingsChanged();
    if (!S.session) scheduleRender();
  });
  $("file").addEventListener("change", () => readFile($("file").files[0]));
  $("clear-file").addEventListener("click", () => {
    S.file = null; $("file").value = ""; $("file-info").hidden = true; $("scenario").disabled = false;
    chooseScenario($("scenario").value, true);
    $("scenario").focus();
  });
  $("step").addEventListener("click", step);
  $("play").addEventListener("click", play);
  $("pause").addEventListener("click", pause);
  $("reset").addEventListener("click", reset);
  $("apply-levers").addEventListener("click", applyLevers);
  $("speed").addEventListener("input", () => { $("speed-out").textContent = $("speed").value + " ms"; });
  $("speed").addEventListener("change", () => { if (S.session && S.playing) sessionPost("play", { delay_ms: Number($("speed").value) }).then(applyState).catch(() => {}); });
  $("seminar").addEventListener("click", () => setSeminar(!document.body.classList.contains("seminar")));
  $("predict").addEventListener("click", () => setPredict(!S.predict));
  $("copy-command").addEventListener("click", () => {
    const t = $("command").value || $("command").textContent;
    if (!t) { status("No command yet: press Start first."); return; }
    copyText(t, "Command");
  });
  $("share-link").addEventListener("click", () => {
    if (!S.catalog) return;
    const h = shareHash();
    history.replaceState(null, "", "#" + h);
    copyText(location.href, S.file ? "Link (without the uploaded file, which links cannot carry)" : "Link");
  });
  for (const f of ["csv", "parquet"]) $("download-" + f).addEventListener("click", (ev) => {
    if (!S.session) { ev.preventDefault(); status("Start a run first, then download it."); return; }
    if (S.branches.length > 1) { ev.preventDefault(); status("The levers changed " + S.branches.length + " times (in " + S.branches.map((x) => x.year).join(", ") + "): a run folder can continue a run once, from a checkpoint. Reset, or download before the second change.", "bad"); return; }
    ev.preventDefault();
    download($("download-" + f).getAttribute("href"), f);
  });
  $("manual").addEventListener("toggle", () => { if ($("manual").open) loadManual(); });
  document.addEventListener("keydown", onKey);
  // A closed tab frees its run; a page kept in the back-forward cache keeps
  // it, and reconnects when shown again (the server frees it if it is away
  // for long).
  window.addEventListener("pagehide", (ev) => {
    if (S.session && !ev.persisted) fetch("api/sessions/" + encodeURIComponent(S.session.id), { method: "DELETE", keepalive: true }).catch(() => {});
  });
  window.addEventListener("pageshow", (ev) => {
    if (ev.persisted && S.session) { if (S.es) S.es.close(); openEvents(); }
  });
  let rt = 0;
  window.addEventListener("resize", () => { clearTimeout(rt); rt = setTimeout(scheduleRender, 80); });
}

function init() {
  wire();
  loadCatalog();
}

window.mutualsim = { state: S, fmt }; // for a look from the browser console
init();
