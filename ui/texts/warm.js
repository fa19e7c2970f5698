// Loads Streamlit's plotly chart code into the app's document (not this frame's): added by texts.js
// as a module script of the app's page, once, when the page is idle. Streamlit loads that 4,7 MB
// module only when a page first shows a chart; with the dashboards' heatmaps and bars in HTML the
// first chart is often Tren's, whose first visit then took 1,3–1,6 s instead of 0,2 (issue 15).
// Only Streamlit's own PlotlyChart module beside its main script is imported, nothing else.
const chunk = new URL(import.meta.url).searchParams.get("chunk") || "";
const url = new URL(chunk, document.baseURI);
if (url.origin === location.origin && /\/static\/js\/PlotlyChart\.[\w-]+\.js$/.test(url.pathname)) {
  import(url.href).catch(() => {}); // a failed warm-up only means the first chart loads it itself
}
