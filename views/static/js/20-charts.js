// Wide tables: the hint that a table scrolls sideways, the region's
// description that points to it and its place in the Tab order stay only
// while it does scroll (without this script they always do).
(function () {
  "use strict";

  var regions = document.querySelectorAll(".wide-table[data-hint]");
  if (!regions.length || !window.ResizeObserver) return;

  function update(region) {
    var id = region.getAttribute("data-hint");
    var hint = document.getElementById(id);
    var overflows = region.scrollWidth > region.clientWidth + 1;
    if (overflows) {
      region.setAttribute("aria-describedby", id);
      region.setAttribute("tabindex", "0"); // the keyboard scrolls it
    } else {
      region.removeAttribute("aria-describedby");
      region.removeAttribute("tabindex"); // nothing to scroll: no stop for Tab
    }
    if (hint) hint.hidden = !overflows;
  }

  // The region changes size with the window, the table with its content.
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (e) { update(e.target.closest(".wide-table")); });
  });
  regions.forEach(function (r) {
    observer.observe(r);
    if (r.firstElementChild) observer.observe(r.firstElementChild);
  });
})();
