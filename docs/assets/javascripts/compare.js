// lawtrack: the version picker of a document overview. It shows the form (hidden without
// script) and, on submit, follows the link of the chosen pair in the table of all pairs below
// it, so the address is always the one MkDocs wrote. Without script the table is the picker.
(function () {
  "use strict";
  function setUp(form) {
    var from = form.querySelector('select[name="old"]');
    var to = form.querySelector('select[name="new"]');
    var status = form.querySelector(".lt-picker-status");
    if (!from || !to) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var order = Array.prototype.map.call(from.options, function (o) { return o.value; });
      var a = from.value, b = to.value;
      if (a === b) {
        if (status) status.textContent = "Choose two different versions.";
        return;
      }
      if (order.indexOf(a) > order.indexOf(b)) { var t = a; a = b; b = t; }
      var links = document.querySelectorAll("a[data-lt-old][data-lt-new]");
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute("data-lt-old") === a && links[i].getAttribute("data-lt-new") === b) {
          window.location.href = links[i].href;
          return;
        }
      }
      if (status) status.textContent = "No comparison of these versions was found.";
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.lt-picker"), setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
