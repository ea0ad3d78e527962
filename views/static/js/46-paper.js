// Paper mode: each box is saved as the student types in it, its word count
// kept up to date, and the clock counted down as the mock exam's is; at
// zero, what is unsaved is saved before the page goes to the results. The
// server keeps the deadline; the form works without any of this.
(function () {
  "use strict";

  var form = document.querySelector("form[data-testid=paper-form]");
  var boxes = form ? [].slice.call(form.querySelectorAll("textarea[name^=text-]")) : [];
  var pending = [];

  boxes.forEach(function (text) {
    var section = text.closest("[data-testid=paper-question]") || form;
    var count = section.querySelector("[data-word-count]");
    var status = section.querySelector("[data-testid=question-status]");
    var box = { text: text, last: text.value, timer: null, save: save };
    pending.push(box);

    function words() {
      if (!count) return;
      var n = text.value.trim() ? text.value.trim().split(/\s+/).length : 0;
      count.textContent = n + (n === 1 ? " word" : " words");
    }

    // Only this box is sent, so a save never touches the others.
    function save() {
      box.timer = null;
      if (text.value === box.last) return Promise.resolve();
      var sent = text.value, body = new FormData(); // multipart: text outside ASCII is not tripled
      body.set("_csrf", form.querySelector("input[name=_csrf]").value);
      body.set("saved_at", String(Date.now()));
      body.set(text.name, sent);
      return fetch(form.action, {
        method: "POST", credentials: "same-origin", headers: { "X-Requested-With": "fetch" }, body: body
      }).then(function (res) {
        return res.text().then(function (msg) {
          var plain = /^text\/plain/.test(res.headers.get("Content-Type") || "");
          if (res.ok) { box.last = sent; if (status) status.textContent = plain ? msg : "Saved"; return; }
          // Our own refusals are a sentence; anything else gets an instruction.
          if (status) status.textContent = "Not saved: " + (plain ? msg : "reload the page and try again (error " + res.status + ").");
        });
      }).catch(function () {
        if (status) status.textContent = "Not saved: no connection. Keep this page open and try again.";
      });
    }

    text.addEventListener("input", function () {
      words();
      if (box.timer) clearTimeout(box.timer);
      box.timer = setTimeout(save, 1500);
    });
  });

  if (form) {
    // A plain press of Save or Finish sends every box, as new as this moment.
    form.addEventListener("submit", function () {
      pending.forEach(function (b) { if (b.timer) clearTimeout(b.timer); b.timer = null; });
      var at = form.querySelector("input[name=saved_at]");
      if (at) at.value = String(Date.now());
    });
  }

  function flush() {
    return Promise.all(pending.map(function (b) {
      if (b.timer) clearTimeout(b.timer);
      return b.save();
    }));
  }

  var clock = document.querySelector("[data-paper-clock]");
  if (!clock) return;
  // As the mock exam's: the server's time left as it made the page, less the
  // time the page has been open by its own monotonic clock.
  var opened = performance.now();
  var remaining = parseInt(clock.dataset.remainingMs, 10);
  var shown = clock.querySelector("[data-testid=time-left]");
  var live = document.querySelector("[data-testid=time-warning]");
  var warnings = [].map.call(document.querySelectorAll("[data-mock-warnings] [data-at]"), function (li) {
    return { ms: parseInt(li.dataset.at, 10) * 1000, text: li.textContent };
  });
  if (isNaN(remaining) || !shown || !live) return;
  var timer;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(ms) {
    var s = Math.ceil(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return (h ? h + ":" + pad(m) : m) + ":" + pad(s % 60) + " left";
  }
  function warning(ms) {
    var w = "";
    warnings.forEach(function (x) { if (x.ms > 0 && ms <= x.ms) w = x.text; });
    return w;
  }
  function say(text) { if (live.textContent !== text) live.textContent = text; }
  function tick() {
    var ms = remaining - (performance.now() - opened);
    if (ms <= 0) {
      clearInterval(timer);
      shown.textContent = "Time is up";
      var up = warnings.filter(function (x) { return x.ms === 0; })[0];
      say(up ? up.text : "Time is up.");
      // Whatever is unsaved is saved (and marked late) before the paper is
      // opened again, which closes it; long enough to read the message.
      var wait = new Promise(function (done) { setTimeout(done, 1500); });
      Promise.all([flush(), wait]).then(function () { location.assign(clock.dataset.endUrl); });
      return;
    }
    var text = format(ms);
    if (shown.textContent !== text) shown.textContent = text;
    say(warning(ms));
  }
  tick();
  timer = setInterval(tick, 250);
})();
