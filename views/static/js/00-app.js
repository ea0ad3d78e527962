// Sabaq: small enhancements on top of plain forms. Everything works without it.
(function () {
  "use strict";

  function typing(t) {
    return t && (t.tagName === "INPUT" && t.type !== "radio" && t.type !== "checkbox" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
  }

  // Keys: 1–9 pick an option of a multiple-choice question; on a review
  // card Space or Enter reveals or goes on, 1–4 grade and U undoes.
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || typing(ev.target)) return;
    var key = ev.key === " " || ev.key === "Enter" ? "space" : ev.key.toLowerCase();
    var review = document.querySelector("[data-testid=review]");
    if (review) {
      var target = null;
      if (key === "space") target = review.querySelector("[data-key=reveal], [data-key=next]");
      else if (/^[1-4]$/.test(key)) target = review.querySelector("button[data-key='" + key + "']");
      else if (key === "u") target = review.querySelector("button[data-key=u]");
      if (target) {
        // A focused button or summary keeps Space and Enter, and a focused
        // link keeps Enter: the shortcut must not hijack the control the
        // keyboard user is on (Enter on the Settings link opens it, Space on
        // "More sources" opens them).
        if (key === "space" && ev.target && ev.target.closest &&
            ev.target.closest(ev.key === "Enter" ? "button, a[href], summary" : "button, summary")) return;
        ev.preventDefault();
        target.click();
        return;
      }
    }
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

  // A second submit of a form already in flight does nothing.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.dataset.sent) { ev.preventDefault(); return; }
    form.dataset.sent = "1";
  });

  // On review pages, links and forms load the next page in place: the same
  // server-rendered HTML, fetched and swapped into <main>, without a reload.
  function swap(html, url, push) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main");
    if (!main) { location.href = url; return; }
    document.querySelector("main").replaceWith(main);
    document.title = doc.title;
    if (push) { history.pushState({}, "", url); shown = location.pathname + location.search; }
    var focus = main.querySelector("[autofocus]") || main.querySelector("h1") || main;
    if (focus === main || focus.tagName === "H1") focus.setAttribute("tabindex", "-1");
    focus.focus();
  }
  function boosted(el) { return el.closest && el.closest("[data-boost]"); }
  function load(url, opts) {
    return fetch(url, Object.assign({ credentials: "same-origin", headers: { "X-Requested-With": "fetch" } }, opts))
      .then(function (res) { return res.text().then(function (t) { swap(t, res.url, true); }); })
      .catch(function () { location.href = url; });
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || !boosted(a) || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    if (a.origin !== location.origin || !/^\/review/.test(a.pathname)) return;
    ev.preventDefault();
    load(a.href);
  });
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (ev.defaultPrevented || !boosted(form) || form.method.toLowerCase() !== "post") return;
    ev.preventDefault();
    var data = new URLSearchParams(new FormData(form, ev.submitter));
    load(form.action, { method: "POST", body: data });
  });
  // Back and forward reload a page swapped in place; a jump to an #anchor
  // (a skip link) also fires popstate but stays on the page shown.
  var shown = location.pathname + location.search;
  window.addEventListener("popstate", function () {
    if (location.pathname + location.search !== shown) location.reload();
  });
})();
