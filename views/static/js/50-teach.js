// Teachers' pages: a link to a confirmation page (a[data-confirm]) opens
// that page's question in a dialog instead, with the same form, which
// posts as the page's would. Without scripts, or if the page cannot be
// fetched, the link opens the page.
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return;

  var dialog = null;
  var opener = null;

  function theDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("data-testid", "confirm-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-dialog-heading");
    dialog.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("[data-cancel]")) {
        ev.preventDefault();
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      dialog.replaceChildren();
      if (opener) opener.focus();
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  // ask shows the confirmation box of a confirmation page (its HTML) in the dialog.
  function ask(html) {
    var box = new DOMParser().parseFromString(html, "text/html").querySelector("[data-testid=confirm]");
    if (!box || !box.querySelector("form")) throw new Error("no confirmation on the page");
    var h1 = box.querySelector("h1");
    if (h1) {
      var h2 = document.createElement("h2");
      h2.id = "confirm-dialog-heading";
      h2.dir = "auto";
      h2.textContent = h1.textContent;
      h1.replaceWith(h2);
    }
    var d = theDialog();
    d.replaceChildren(document.importNode(box, true));
    d.showModal();
    // The safe choice has the focus: Enter alone deletes nothing.
    var cancel = d.querySelector("[data-cancel]");
    if (cancel) cancel.focus();
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[data-confirm]");
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    if (a.origin !== location.origin) return;
    ev.preventDefault();
    opener = a;
    fetch(a.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (res) {
        if (!res.ok) throw new Error("status " + res.status);
        return res.text();
      })
      .then(ask)
      .catch(function () { location.href = a.href; });
  });
})();
