// The app window's CSS size for the meeting mode (ui/presentasi.py lays every slide out from it),
// reported again after a resize. A frame served by the app itself (same origin: it may read the
// window it sits in, and the deployment's CSP lets its script run, where st.components.v2's blob:
// module is refused).
(function () {
  "use strict";
  const host = window.parent;
  let last = null;
  let timer = null;

  function send(type, extra) {
    host.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra), "*");
  }

  function report() {
    const size = [host.innerWidth, host.innerHeight];
    if (last && last[0] === size[0] && last[1] === size[1]) return; // no rerun for the same size
    last = size;
    send("streamlit:setComponentValue", { value: size, dataType: "json" });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(report, 250);
  }

  window.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type !== "streamlit:render") return;
    const known = data.args && data.args.known;
    if (Array.isArray(known)) last = known;
    report();
  });
  host.addEventListener("resize", later);
  window.addEventListener("unload", () => host.removeEventListener("resize", later));
  send("streamlit:componentReady", { apiVersion: 1 });
  send("streamlit:setFrameHeight", { height: 0 });
})();
