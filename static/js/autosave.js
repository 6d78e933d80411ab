/* Autosave of drafts: every 30 seconds, when the form changed, post it to its "Save draft" button's address.
   Without JavaScript the button does the same on demand. No other request; no inline script (CSP). */
(function () {
  "use strict";
  var INTERVAL = 30000;
  document.querySelectorAll("button[data-autosave]").forEach(function (button) {
    var form = button.form;
    if (!form || !window.fetch || !window.FormData) { return; }
    var status = form.querySelector(".autosave-status");
    var changed = false;
    form.addEventListener("input", function () { changed = true; });
    window.setInterval(function () {
      if (!changed) { return; }
      changed = false;
      var data = new FormData(form);
      Array.from(data.keys()).forEach(function (key) {
        if (data.get(key) instanceof File) { data.delete(key); }
      });
      fetch(button.getAttribute("formaction"), {
        method: "POST", body: data, credentials: "same-origin", headers: { "X-Autosave": "1" }
      }).then(function (response) { return response.ok ? response.json() : null; }).then(function (answer) {
        if (!answer) { return; }
        var field = form.querySelector("input[name=draft_id]");
        if (!field) {
          field = document.createElement("input");
          field.type = "hidden";
          field.name = "draft_id";
          form.appendChild(field);
        }
        field.value = answer.id;
        if (status) { status.textContent = answer.saved; }
      }).catch(function () { changed = true; });
    }, INTERVAL);
  });
}());
