// The chat page's only script besides htmx (the CSP allows no inline script).
// 1. Every htmx request carries the page's CSRF token.
// 2. An action button (hx-ext="payload-json") posts its data-payload, the proposal's canonical JSON, as the body.
// 3. A streaming reply (.streaming[data-events]) reads its turn's server-sent events: text as plain
//    escaped text, each marker's button (disabled) at its place as soon as it arrives, and at "done"
//    the reply as rendered Markdown with live buttons (or why it was cut short, with "Try again").
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

  // A sent message clears the box.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form.message") && event.detail.successful) {
      form.reset();
    }
  });

  function stream(article) {
    var url = article.getAttribute("data-events");
    article.removeAttribute("data-events");
    var box = article.querySelector(".text");
    var text = "";
    var markers = []; // {start, end, html}, in text order

    function draw() {
      box.textContent = "";
      var at = 0;
      markers.forEach(function (marker) {
        box.appendChild(document.createTextNode(text.slice(at, marker.start)));
        var holder = document.createElement("div");
        holder.innerHTML = marker.html; // server-made fragment, everything in it escaped
        while (holder.firstChild) {
          box.appendChild(holder.firstChild);
        }
        at = marker.end;
      });
      var rest = text.slice(at);
      var open = rest.lastIndexOf("<action");
      // Hide a marker still being written; it appears as a button once complete.
      box.appendChild(document.createTextNode(open >= 0 && rest.indexOf("</action>", open) < 0 ? rest.slice(0, open) : rest));
    }

    var source = new EventSource(url);
    source.addEventListener("delta", function (event) {
      text += JSON.parse(event.data).text;
      draw();
    });
    source.addEventListener("marker", function (event) {
      markers.push(JSON.parse(event.data));
      draw();
    });
    source.addEventListener("done", function (event) {
      source.close();
      var done = JSON.parse(event.data);
      box.innerHTML = done.html; // server-rendered Markdown: raw HTML escaped, links http(s) only
      box.classList.add("markdown");
      article.classList.remove("streaming");
      article.classList.add(done.status);
      htmx.process(box);
    });
  }

  function startStreams(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".streaming[data-events]").forEach(stream);
  }

  document.addEventListener("htmx:load", function (event) {
    startStreams(event.detail.elt.parentNode || document);
  });
  document.addEventListener("DOMContentLoaded", function () {
    startStreams(document);
  });
})();
