// Progressive enhancement only: everything works without this file.
// Pages with several forms (the trajectory page) warn before a submit would drop what was typed in
// another, unsaved form on the same page.
(function () {
  "use strict";
  var region = document.querySelector("[data-unsaved-warning]");
  if (!region) { return; }
  var message = region.getAttribute("data-unsaved-warning");
  var forms = Array.prototype.slice.call(document.querySelectorAll("main form"));
  var dirty = new Set();
  forms.forEach(function (form) {
    form.addEventListener("input", function () { dirty.add(form); });
    form.addEventListener("change", function () { dirty.add(form); });
    form.addEventListener("submit", function (event) {
      var others = forms.filter(function (other) { return other !== form && dirty.has(other); });
      if (others.length > 0 && !window.confirm(message)) { event.preventDefault(); }
    });
  });
})();
