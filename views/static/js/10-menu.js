// The main menu on a phone: a <details> disclosure that works without
// JavaScript. With it, Escape closes the open menu and puts the focus back on
// its button, and a click or the focus going elsewhere closes it too.
(function () {
  "use strict";

  var menu = document.querySelector("details.menu");
  if (!menu) return;
  var button = menu.querySelector("summary");

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !menu.open) return;
    menu.open = false;
    if (button.checkVisibility()) button.focus();
  });
  document.addEventListener("click", function (ev) {
    if (menu.open && !menu.contains(ev.target)) menu.open = false;
  });
  menu.addEventListener("focusout", function (ev) {
    if (menu.open && ev.relatedTarget && !menu.contains(ev.relatedTarget)) menu.open = false;
  });
})();
