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

  // The paper's clock counts down as the mock exam's does (40-mock.js); at
  // zero whatever is unsaved is saved, and marked late, before the paper is
  // opened again, which closes it.
  var clock = document.querySelector("[data-paper-clock]");
  if (clock && window.sabaqCountdown) window.sabaqCountdown(clock, flush);
})();
