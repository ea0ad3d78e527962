// Mock exam: the clock counts down and warns, and a question is flagged
// without leaving the page. The server keeps the deadline; this only shows it.
(function () {
  "use strict";

  var clock = document.querySelector("[data-mock-clock]");
  if (clock) countdown(clock);

  // countdown shows the time left on a clock (a mock exam's or a paper's)
  // and its warnings, and at zero goes to the clock's end page, after
  // beforeEnd's promise if one is given (a paper saves what is unsaved).
  // The time left is the server's, as it made the page, less the time the
  // page has been open by its own monotonic clock: a device whose clock is
  // wrong still counts down right.
  function countdown(clock, beforeEnd) {
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
    // The warning that holds: the shortest whose time is reached.
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
        // Long enough to read the message; the end page finishes the exam.
        var wait = new Promise(function (done) { setTimeout(done, 1500); });
        Promise.all([beforeEnd ? beforeEnd() : null, wait]).then(function () { location.assign(clock.dataset.endUrl); });
        return;
      }
      var text = format(ms);
      if (shown.textContent !== text) shown.textContent = text;
      say(warning(ms));
    }
    tick();
    timer = setInterval(tick, 250);
  }
  window.sabaqCountdown = countdown; // for a paper's clock (46-paper.js)

  // Flagging in place: the same form, sent with fetch; the flag button and
  // the question grid are swapped for the server's new ones, so an answer
  // picked but not yet saved stays picked. Anything unexpected falls back
  // to sending the form as a page would.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (ev.defaultPrevented || !form.matches || !form.matches("form[data-testid=flag-form]")) return;
    ev.preventDefault();
    var here = location.pathname;
    fetch(form.action, {
      method: "POST", credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
      body: new URLSearchParams(new FormData(form))
    }).then(function (res) {
      if (!res.ok) throw new Error("refused"); // the server's own page says why
      if (new URL(res.url).pathname !== here) { location.assign(res.url); return null; } // time is up: the results
      return res.text();
    }).then(function (html) {
      if (html === null) return;
      var doc = new DOMParser().parseFromString(html, "text/html");
      var flag = doc.querySelector("form[data-testid=flag-form]");
      var nav = doc.querySelector("[data-testid=mock-nav]");
      if (!flag || !nav) throw new Error("no flag form");
      form.replaceWith(flag);
      document.querySelector("[data-testid=mock-nav]").replaceWith(nav);
      flag.querySelector("button").focus();
    }).catch(function () { form.submit(); });
  });
})();
