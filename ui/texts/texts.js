// Streamlit draws a few English texts of its own that no option changes: the data grid's toolbar
// (aria-label and tooltip), its column menu, its search box and the skip link. This frame is
// served by the app itself (same origin, allowed by the deployment's CSP: script-src 'self'), so
// it may watch the app's document and put the Indonesian text of ui/chrome.py's GRID_TEXTS
// (sent as the component's argument: one dictionary) in place of the English one. Rewriting is
// idempotent: an Indonesian text is not a key, so a second pass changes nothing.
(function () {
  "use strict";
  const host = window.parent;
  const doc = host.document;
  const ATTRS = ["aria-label", "title", "placeholder"];
  // Only Streamlit's own chrome: its toolbars, tooltips, menus (portals) and the data grid.
  const SCOPE = [
    '[data-testid="stElementToolbar"]',
    '[role="tooltip"]',
    '[data-testid="portal"]',
    '[data-testid="stDataFrame"]',
    '[data-testid="stDataFrameResizable"]',
    "#skip-link",
    'a[href="#main"]',
  ].join(", ");
  let texts = {};
  let observer = null;

  // The Indonesian text, or null when there is nothing to change (never a write that changes
  // nothing: it would be a mutation again, and the observer would never rest).
  const indonesian = (value) => {
    if (typeof value !== "string") return null;
    const key = value.trim();
    return Object.prototype.hasOwnProperty.call(texts, key) && texts[key] !== key ? texts[key] : null;
  };

  function rewriteAttrs(el) {
    if (!el.closest || !el.closest(SCOPE)) return;
    for (const name of ATTRS) {
      const text = indonesian(el.getAttribute(name));
      if (text !== null) el.setAttribute(name, text);
    }
  }

  function rewriteText(node) {
    const parent = node.parentElement;
    const text = indonesian(node.nodeValue);
    if (!parent || text === null || !parent.closest(SCOPE)) return;
    node.nodeValue = node.nodeValue.replace(node.nodeValue.trim(), text);
  }

  function sweep(root) {
    if (root.nodeType === Node.TEXT_NODE) return rewriteText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    rewriteAttrs(root);
    root.querySelectorAll("[aria-label], [title], [placeholder]").forEach(rewriteAttrs);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) rewriteText(n);
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

  window.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type !== "streamlit:render" || !data.args) return;
    texts = data.args.texts || {};
    sweep(doc.body);
    watch();
    doc.documentElement.dataset.skmTexts = String(Object.keys(texts).length); // read by the browser test
  });
  send("streamlit:componentReady", { apiVersion: 1 });
  send("streamlit:setFrameHeight", { height: 0 });
})();
