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

  // A copy on the device, for a save the server never got (no connection,
  // the server restarting): kept until the server has that text, offered
  // back on the next visit if it differs from the stored draft.
  var key = "sabaq-draft:" + form.dataset.draftUrl, retry = 0;
  function keepLocal() {
    try { localStorage.setItem(key, JSON.stringify({ text: text.value, at: Date.now() })); } catch (e) { /* full or off */ }
  }
  function dropLocal(sent) {
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && kept.text === sent) localStorage.removeItem(key);
    } catch (e) { /* nothing kept */ }
  }

  function save() {
    timer = null;
    if (text.value === last) return;
    var sent = text.value, body = new FormData(form); // multipart: text outside ASCII is not tripled, as URL encoding would
    body.set("saved_at", String(Date.now()));
    fetch(form.dataset.draftUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-Requested-With": "fetch" }, body: body
    }).then(function (res) {
      return res.text().then(function (msg) {
        if (res.ok) { last = sent; retry = 0; dropLocal(sent); status.textContent = "Saved"; return; }
        if (res.status >= 500) { later(); return; }
        // Our own refusals are a sentence of text; anything else (an expired
        // form, a proxy's page) gets a plain instruction.
        var plain = /^text\/plain/.test(res.headers.get("Content-Type") || "");
        status.textContent = "Not saved: " + (plain ? msg : "reload the page and try again (error " + res.status + ").");
      });
    }).catch(later);
  }

  // No connection, or the server is restarting: the text stays on this
  // device and the save is tried again, less and less often.
  function later() {
    status.textContent = "Not saved yet: no connection. Your text is kept on this device and will be saved when the connection is back.";
    retry = Math.min(retry ? retry * 2 : 5000, 60000);
    if (!timer) timer = setTimeout(save, retry);
  }

  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && typeof kept.text === "string" && kept.text !== text.value) {
      var offer = document.createElement("p");
      offer.className = "banner";
      offer.setAttribute("data-testid", "local-copy");
      offer.textContent = "This device kept a copy of your answer from " + new Date(kept.at).toLocaleString() +
        " that differs from the saved draft. ";
      var use = document.createElement("button");
      use.type = "button";
      use.className = "link";
      use.textContent = "Use the copy from this device";
      use.addEventListener("click", function () {
        text.value = kept.text;
        offer.remove();
        words();
        save();
      });
      offer.appendChild(use);
      form.insertBefore(offer, form.firstChild);
    } else if (kept) {
      localStorage.removeItem(key);
    }
  } catch (e) { /* storage off */ }

  // Leaving with unsaved text: one last save that outlives the page.
  window.addEventListener("pagehide", function () {
    if (text.value === last || !navigator.sendBeacon) return;
    var body = new FormData(form);
    body.set("saved_at", String(Date.now()));
    navigator.sendBeacon(form.dataset.draftUrl, body);
  });

  text.addEventListener("input", function () {
    words();
    keepLocal();
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
