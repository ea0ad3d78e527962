// Sabaq: small enhancements on top of plain forms. Everything works without it.
(function () {
  "use strict";
  // On a multiple-choice question, the keys 1–9 pick an option and Enter submits.
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" && t.type === "text" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    var form = document.querySelector('form[data-format="choice"]');
    if (!form) return;
    var n = parseInt(ev.key, 10);
    if (n >= 1 && n <= 9) {
      var radios = form.querySelectorAll('input[type="radio"]');
      if (n <= radios.length) {
        radios[n - 1].checked = true;
        radios[n - 1].focus();
        ev.preventDefault();
      }
    }
  });
  // A second click on a submit button while the first is in flight does nothing.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.dataset.sent) { ev.preventDefault(); return; }
    form.dataset.sent = "1";
  });
})();
