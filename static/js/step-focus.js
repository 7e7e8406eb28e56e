// The drafting wizard: each step opens with the keyboard focus on its first field, so a clerk
// can type at once. An error summary, or a field marked invalid, takes the focus instead; a
// field the page focused already (``autofocus``) keeps it.
(function () {
  "use strict";
  var form = document.getElementById("wizard-form");
  if (!form || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }
  function shown(element) {
    return !element.disabled && element.getClientRects().length > 0;
  }
  var summary = document.querySelector("[data-error-summary]");
  if (summary && shown(summary)) {
    summary.focus();
    return;
  }
  var fields = Array.prototype.filter.call(
    form.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]):not([readonly]), select, textarea:not([readonly])"
    ),
    shown
  );
  var invalid = fields.filter(function (field) { return field.classList.contains("is-invalid"); });
  var target = invalid[0] || fields[0];
  if (target && target.type === "radio") {
    // In a group of radio buttons the keyboard lands on the chosen one.
    var chosen = form.querySelector('input[type=radio][name="' + target.name + '"]:checked');
    target = chosen || target;
  }
  if (target) {
    target.focus();
  }
})();
