/// The one script of the workspace, served from /static/draft-check.js: it runs the draft check
/// while a reply is written and shows the result under the text box. The draft form works the
/// same without it (the check runs when the form is sent); the script only saves a round trip.
///
/// It builds its output with `textContent`, never markup, so the check's words stay text.
enum DraftCheckScript {
    static let javaScript = """
    "use strict";
    (function () {
      var form = document.getElementById("draft-form");
      var box = document.getElementById("text");
      var out = document.getElementById("live-check");
      if (!form || !box || !out || !window.fetch || !window.URLSearchParams) { return; }
      var timer = null;
      var latest = 0;
      function line(tag, className, text) {
        var element = document.createElement(tag);
        if (className) { element.className = className; }
        element.textContent = text;
        return element;
      }
      function show(result) {
        out.textContent = "";
        if (result.problems.length === 0) {
          out.appendChild(line("p", "check ok", "Draft check as you type: ready."));
        } else {
          out.appendChild(line("p", "check", "Draft check as you type:"));
          var list = line("ul", "problems", "");
          result.problems.forEach(function (problem) { list.appendChild(line("li", "", problem)); });
          out.appendChild(list);
        }
        result.notes.forEach(function (note) { out.appendChild(line("p", "meta", "Note: " + note + ".")); });
      }
      function check() {
        var ticket = ++latest;
        fetch(form.getAttribute("action").replace(/\\/draft$/, "/check"), {
          method: "POST",
          credentials: "same-origin",
          body: new URLSearchParams(new FormData(form))
        }).then(function (response) {
          return response.ok ? response.json() : null;
        }).then(function (result) {
          if (result && ticket === latest) { show(result); }
        }).catch(function () {});
      }
      box.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(check, 400);
      });
    })();
    """
}
