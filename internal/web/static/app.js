// dyad web UI: small enhancements only; every page reads without script.
(function () {
  "use strict";
  // Network: hovering a country brings its links forward.
  document.querySelectorAll("svg.net").forEach(function (svg) {
    svg.querySelectorAll("a.node").forEach(function (node) {
      var id = node.getAttribute("data-id");
      function on() {
        svg.classList.add("focus");
        svg.querySelectorAll("a.edge").forEach(function (e) {
          if (e.getAttribute("data-a") === id || e.getAttribute("data-b") === id) e.classList.add("on");
        });
        node.classList.add("on");
      }
      function off() {
        svg.classList.remove("focus");
        svg.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
      }
      node.addEventListener("mouseenter", on);
      node.addEventListener("mouseleave", off);
      node.addEventListener("focus", on);
      node.addEventListener("blur", off);
    });
  });
  // "/" focuses the search box, as in many tools.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    var box = document.querySelector(".quick input");
    if (box) { ev.preventDefault(); box.focus(); }
  });
  // A sentence named in the address is marked when the page opens.
  if (location.hash && /^#s\d+$/.test(location.hash)) {
    var s = document.getElementById(location.hash.slice(1));
    if (s) s.classList.add("target");
  }
})();
