// Streamlit draws English texts of its own that no option changes: the data grid's toolbar, column
// menu and search box, the widgets' buttons and what screen readers are told (step buttons, help
// icons, select boxes, the date input and its calendar, the sidebar's buttons, the skip link, the
// full-screen button Streamlit adds to plotly's toolbar). This frame is served by the app itself
// (same origin, allowed by the deployment's CSP: script-src 'self'), so it may watch the app's
// document and put the Indonesian text of ui/chrome.py's dictionaries (sent as the component's
// arguments: exact texts, and patterns "Help for {}" -> "Bantuan: {}") in place of the English
// one. Rewriting is idempotent: an Indonesian text is neither a key nor matches a pattern, so a
// second pass changes nothing.
(function () {
  "use strict";
  const host = window.parent;
  const doc = host.document;
  const ATTRS = ["aria-label", "title", "placeholder", "data-title", "aria-valuetext"];
  // Only Streamlit's own chrome, never the app's content: elements Streamlit draws for itself
  // (their attributes and texts) ...
  const SCOPE = [
    '[data-testid="stElementToolbar"]',
    '[role="tooltip"]',
    '[data-testid="portal"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stDataFrameResizable"]',
    '[data-testid="stSkipToContent"]',
    '[data-testid="stNumberInputStepUp"]',
    '[data-testid="stNumberInputStepDown"]',
    '[data-testid="stNumberInputClearButton"]',
    '[data-testid="stTooltipIcon"]',
    '[data-testid="stHeaderActionElements"]',
    '[data-testid="stSidebarCollapseButton"]',
    '[data-testid="stExpandSidebarButton"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stSelectbox"] button',
    '[data-testid="stMultiSelect"] button',
    '[data-testid="stMultiSelect"] [data-tag] > [aria-label^="Remove "]',
    '[data-testid="stSelectboxVirtualDropdown"]',
    '[data-testid="stMultiSelectDropdown"]',
    '[data-testid="stTextInputRootElement"] button',
    '[data-testid="stDateInputField"]',
    '[data-testid="stDateInputCalendarButton"]',
    '[data-testid="stDateInputCalendar"]',
    '[data-testid="stDateInputQuickSelectPopover"]',
    '[data-testid="stElementToolbarButton"]',
    'kbd[aria-label^="Shortcut "]',
    '[data-testid="stFileUploaderDropzoneInput"]',
    'span[role="img"][aria-label$=" icon"]',
    ".modebar",
    "[data-live-announcer]",
    '[data-testid="stToast"] [aria-label="Close"]',
    '[data-testid="stToastViewButton"]',
    '[data-testid="stFileChip"]',
    '[data-testid="stFileChips"] > button',
  ].join(", ");
  // ... and elements whose own label is Streamlit's while what they hold is the app's.
  const OWN = [
    'section[data-testid="stSidebar"]',
    '[data-testid="stToastContainer"]',
    '[data-testid="stMultiSelectTagsContainer"] > span',
  ].join(", ");
  let texts = {};
  let patterns = [];
  let observer = null;

  // "Help for {}" -> /^Help for (.+?)$/ and ["Bantuan: ", ""]: each "{}" a name, each "{n}" digits.
  const PLACE = /\{n?\}/g;
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  function compile(en, id) {
    const kinds = en.match(PLACE) || [];
    const source = en
      .split(PLACE)
      .map(escape)
      .reduce((re, part, i) => re + (kinds[i - 1] === "{n}" ? "(\\d+)" : "(.+?)") + part);
    return [new RegExp("^" + source + "$"), id.split(PLACE)];
  }

  // A text made by a pattern, its names put through the patterns too ("Choose date, May 2024");
  // null when no pattern matches.
  function patterned(key) {
    for (const [en, id] of patterns) {
      const names = en.exec(key);
      if (names === null) continue;
      return id.reduce((text, part, i) => text + (i ? patterned(names[i]) ?? names[i] : "") + part, "");
    }
    return null;
  }

  // The Indonesian text, or null when there is nothing to change (never a write that changes
  // nothing: it would be a mutation again, and the observer would never rest).
  const indonesian = (value) => {
    if (typeof value !== "string") return null;
    const key = value.trim();
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : patterned(key);
    return text !== null && text !== key ? text : null;
  };

  // A chart's drawing (plotly's SVG: thousands of nodes, the app's own numbers and names) is
  // never Streamlit's chrome: it is skipped whole, so drawing a chart costs the page nothing here.
  const inChart = (node) => node instanceof host.SVGElement;

  function rewriteAttrs(el) {
    if (!el.getAttribute || inChart(el)) return;
    let scoped = null; // looked up once, and only for an element that has a text to put in place
    for (const name of ATTRS) {
      const text = indonesian(el.getAttribute(name));
      if (text === null) continue;
      if (scoped === null) scoped = Boolean(el.closest(SCOPE) || el.matches(OWN));
      if (scoped) el.setAttribute(name, text);
    }
  }

  function rewriteText(node) {
    const parent = node.parentElement;
    if (!parent || inChart(parent)) return;
    const text = indonesian(node.nodeValue);
    if (text === null || !parent.closest(SCOPE)) return;
    node.nodeValue = node.nodeValue.replace(node.nodeValue.trim(), text);
  }

  // Every element (its attributes) and text under root, an SVG's subtree left out.
  const FILTER = {
    acceptNode: (n) =>
      n.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT : inChart(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  };

  function sweep(root) {
    if (root.nodeType === Node.TEXT_NODE) return rewriteText(root);
    if (root.nodeType !== Node.ELEMENT_NODE || inChart(root)) return;
    rewriteAttrs(root);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, FILTER);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) rewriteText(n);
      else rewriteAttrs(n);
    }
  }

  function watch() {
    if (observer) return;
    observer = new host.MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "childList") r.addedNodes.forEach(sweep);
        else if (r.type === "characterData") rewriteText(r.target);
        else if (r.type === "attributes") rewriteAttrs(r.target);
      }
    });
    observer.observe(doc.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRS,
    });
    window.addEventListener("unload", () => observer.disconnect());
  }

  function send(type, extra) {
    host.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra), "*");
  }

  // Streamlit's plotly module (data.args.charts: its file name) into the app's document while the
  // page is idle, once per document, through warm.js (a module script of the app's own origin).
  function warmCharts(name) {
    if (!name || host.__skmChartsWarm) return;
    host.__skmChartsWarm = true;
    const main = doc.querySelector('script[type="module"][src*="/static/js/"]');
    if (!main) return;
    const chunk = new URL(name, main.src).href;
    const later = host.requestIdleCallback
      ? (f) => host.requestIdleCallback(f, { timeout: 4000 })
      : (f) => host.setTimeout(f, 1500);
    later(() => {
      const script = doc.createElement("script");
      script.type = "module";
      script.src = new URL("warm.js?chunk=" + encodeURIComponent(chunk), window.location.href).href;
      doc.head.appendChild(script);
    });
  }

  window.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type !== "streamlit:render" || !data.args) return;
    warmCharts(data.args.charts);
    const grid = data.args.texts || {};
    texts = Object.assign({}, grid, data.args.widgets || {});
    patterns = Object.entries(data.args.patterns || {}).map(([en, id]) => compile(en, id));
    sweep(doc.body);
    watch();
    // read by the browser tests: the grid's dictionary, and all exact texts plus patterns
    doc.documentElement.dataset.skmTexts = String(Object.keys(grid).length);
    doc.documentElement.dataset.skmAllTexts = String(Object.keys(texts).length + patterns.length);
  });
  send("streamlit:componentReady", { apiVersion: 1 });
  send("streamlit:setFrameHeight", { height: 0 });
})();
