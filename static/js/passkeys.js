// Passkeys (WebAuthn): the few lines the browser needs to make or use one. Buttons carry
// data-passkey ("register" or "sign-in"), data-options and data-submit URLs, and data-csrf.
// Without this script (or without WebAuthn) the page works with codes from the app.
(function () {
  "use strict";

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); }).buffer;
  }

  function toText(buffer) {
    var binary = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    (json.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return json;
  }

  function requestOptions(json) {
    json.challenge = toBytes(json.challenge);
    (json.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return json;
  }

  function credentialJSON(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      response.userHandle = r.userHandle ? toText(r.userHandle) : null;
    }
    return { id: credential.id, rawId: toText(credential.rawId), type: credential.type,
             response: response, clientExtensionResults: credential.getClientExtensionResults() };
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    });
  }

  function say(button, message) {
    var status = document.getElementById(button.getAttribute("aria-describedby") || "passkey-status");
    if (status) { status.textContent = message; status.hidden = false; }
  }

  function run(button) {
    var csrf = button.dataset.csrf;
    var register = button.dataset.passkey === "register";
    var nameField = document.getElementById("passkey-name");
    button.disabled = true;
    post(button.dataset.options, csrf).then(function (options) {
      return register
        ? navigator.credentials.create({ publicKey: creationOptions(options) })
        : navigator.credentials.get({ publicKey: requestOptions(options) });
    }).then(function (credential) {
      var body = { credential: credentialJSON(credential) };
      if (register && nameField) { body.name = nameField.value; }
      return post(button.dataset.submit, csrf, body);
    }).then(function (data) {
      window.location.assign(data.redirect);
    }).catch(function (error) {
      button.disabled = false;
      say(button, (error instanceof DOMException || !error || !error.message) ? button.dataset.failed : error.message);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-passkey]");
    var supported = !!(window.PublicKeyCredential && navigator.credentials);
    buttons.forEach(function (button) {
      if (!supported) { return; }
      button.hidden = false;
      var group = button.closest("[data-passkey-group]");
      if (group) { group.hidden = false; }
      button.addEventListener("click", function () { run(button); });
    });
  });
})();
