// The chat page's only script besides htmx (the CSP allows no inline script).
// 1. Every htmx request carries the page's CSRF token.
// 2. An action button (hx-ext="payload-json") posts its data-payload, the proposal's canonical JSON, as the body.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    }
  });

  htmx.defineExtension("payload-json", {
    onEvent: function (name, event) {
      if (name === "htmx:configRequest") {
        event.detail.headers["Content-Type"] = "application/json";
      }
      return true;
    },
    encodeParameters: function (xhr, parameters, element) {
      xhr.overrideMimeType("text/json");
      return element.getAttribute("data-payload");
    }
  });
})();
