// Writing an answer: a live word count, an optional countdown at the exam's
// pace, and the draft saved as the student types. The form works without it.
(function () {
  "use strict";

  var form = document.querySelector("form[data-testid=write-form]");
  if (!form) return;
  var text = form.querySelector("textarea[name=text]");
  var count = form.querySelector("[data-word-count]");
  var status = form.querySelector("[data-testid=save-status]");
  var savedAt = form.querySelector("input[name=saved_at]");
  var timer = null, last = text.value;

  function words() {
    var n = text.value.trim() ? text.value.trim().split(/\s+/).length : 0;
    count.textContent = n + (n === 1 ? " word" : " words");
  }

  function save() {
    timer = null;
    if (text.value === last) return;
    var sent = text.value, body = new URLSearchParams(new FormData(form));
    body.set("saved_at", String(Date.now()));
    fetch(form.dataset.draftUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-Requested-With": "fetch" }, body: body
    }).then(function (res) {
      return res.text().then(function (msg) {
        if (res.ok) { last = sent; status.textContent = "Saved"; return; }
        // Our own refusals are a sentence of text; anything else (an expired
        // form, a proxy's page) gets a plain instruction.
        var plain = /^text\/plain/.test(res.headers.get("Content-Type") || "");
        status.textContent = "Not saved: " + (plain ? msg : "reload the page and try again (error " + res.status + ").");
      });
    }).catch(function () { status.textContent = "Not saved: no connection. Keep this page open and try again."; });
  }

  text.addEventListener("input", function () {
    words();
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  // A plain press of "Save draft" or "Submit" is as new as this moment.
  form.addEventListener("submit", function () {
    if (timer) clearTimeout(timer);
    savedAt.value = String(Date.now());
  });

  var clock = document.querySelector("[data-write-clock]");
  if (!clock) return;
  var seconds = parseInt(clock.dataset.seconds, 10);
  var start = clock.querySelector("button"), shown = clock.querySelector("[data-testid=countdown]");
  if (isNaN(seconds) || !start || !shown) return;
  clock.hidden = false;
  start.addEventListener("click", function () {
    var began = performance.now();
    start.hidden = true;
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      var left = Math.ceil(seconds - (performance.now() - began) / 1000);
      if (left <= 0) { shown.textContent = "Time is up"; clearInterval(every); return; }
      shown.textContent = Math.floor(left / 60) + ":" + pad(left % 60) + " left";
    }
    var every = setInterval(tick, 250);
    tick();
  });
})();
