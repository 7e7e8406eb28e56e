/* Review step of the drafting wizard: live pleading-paper preview and growing text boxes.
 * Posts the form (with preview=1) to the wizard's own URL, which answers with a few pages as
 * PNG data URLs (from preview_first) and the page count; refreshes after typing stops, and
 * draws the next pages only when asked ("Show the next pages"). Loaded as a static file. */
(function () {
  "use strict";
  var form = document.getElementById("wizard-form");
  var pane = document.getElementById("preview-pages");
  var status = document.getElementById("preview-status");
  var more = document.getElementById("preview-more");
  if (!form || !pane) {
    return;
  }
  var timer = null;
  var sequence = 0;

  function grow(area) {
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function setStatus(text, isError) {
    if (status) {
      status.textContent = text;
      status.classList.toggle("text-danger", Boolean(isError));
    }
  }

  function show(result) {
    var pages = result.pages;
    var first = result.first || 1;
    var total = result.page_count; // null: only the pages shown were laid out
    var images = pane.querySelectorAll("img");
    var shown = first - 1 + pages.length;
    pages.forEach(function (source, offset) {
      var index = first - 1 + offset;
      var image = images[index];
      if (!image) {
        image = document.createElement("img");
        image.className = "preview-page shadow-sm";
        pane.appendChild(image);
      }
      image.alt = total ? "Page " + (index + 1) + " of " + total : "Page " + (index + 1);
      image.src = source;
    });
    images = pane.querySelectorAll("img");
    for (var extra = first === 1 ? shown : images.length; extra < images.length; extra += 1) {
      images[extra].remove();
    }
    pane.classList.remove("is-stale");
    if (!total) {
      setStatus(shown + " pages shown; more follow", false);
    } else {
      var count = total === 1 ? "1 page" : total + " pages";
      setStatus(shown < total ? count + " (" + shown + " shown)" : count, false);
    }
    if (more) {
      more.hidden = !result.more;
      more.dataset.next = String(shown + 1);
    }
  }

  function refresh(first) {
    var data = new FormData(form);
    data.set("preview", "1");
    data.set("preview_first", String(first || 1));
    data.delete("wizard_goto_step");
    var mine = ++sequence;
    pane.classList.add("is-stale");
    setStatus("Updating preview…", false);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return { error: "The preview is unavailable (" + response.status + ")." };
          })
          .then(function (json) {
            return { ok: response.ok, json: json };
          });
      })
      .then(function (result) {
        if (mine !== sequence) {
          return;
        }
        if (!result.ok || !result.json.pages) {
          setStatus(result.json.error || "The preview is unavailable.", true);
          return;
        }
        show(result.json);
        document.dispatchEvent(new CustomEvent("orders:preview-updated"));
      })
      .catch(function () {
        if (mine === sequence) {
          setStatus("The preview is unavailable (no connection).", true);
        }
      });
  }

  form.querySelectorAll("textarea").forEach(function (area) {
    grow(area);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      grow(event.target);
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      refresh(1);
    }, 700);
  });
  if (more) {
    more.addEventListener("click", function () {
      refresh(Number(more.dataset.next || "1"));
    });
  }
  refresh();
})();
