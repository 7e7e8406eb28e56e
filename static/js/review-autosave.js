/* Review step of the drafting wizard: the paragraphs are saved to the draft as they are typed.
 * Posts the form with autosave=1 to the draft's own URL 1 s after typing stops (and at once when
 * the page is hidden or left); the answer carries the draft's new revision, kept in the form so
 * that Save draft from this page is not taken for a stale one. "Saved hh:mm" is shown. */
(function () {
  "use strict";
  var form = document.getElementById("wizard-form");
  var status = document.getElementById("autosave-status");
  var revision = document.getElementById("draft-revision");
  if (!form || !status || !revision) {
    return;
  }
  var field = status.getAttribute("data-field") || "autosave";
  var timer = null;
  var dirty = false;
  var inFlight = null;
  var submitting = false;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("text-danger", Boolean(isError));
  }

  function save(keepalive) {
    window.clearTimeout(timer);
    timer = null;
    if (!dirty) {
      return inFlight || Promise.resolve();
    }
    if (inFlight) {
      return inFlight.then(function () {
        return save(keepalive);
      });
    }
    dirty = false;
    var data = new FormData(form);
    data.set(field, "1");
    data.delete("wizard_goto_step");
    say("Saving…", false);
    inFlight = fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return { error: "Not saved (" + response.status + ")." };
          })
          .then(function (json) {
            if (response.ok && json.revision !== undefined) {
              revision.value = String(json.revision);
              say("Saved " + json.saved_at, false);
            } else {
              say(json.error || "Not saved.", true);
            }
          });
      })
      .catch(function () {
        dirty = true; // try again with the next change, or when the page is left
        say("Not saved yet (no connection).", true);
      })
      .then(function () {
        inFlight = null;
      });
    return inFlight;
  }

  form.addEventListener("input", function () {
    dirty = true;
    say("Unsaved changes…", false);
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1000);
  });

  // A click on Save draft or Back waits for an autosave under way, so the page's revision is
  // the draft's own when the form is sent.
  form.addEventListener("submit", function (event) {
    if (submitting || !inFlight) {
      window.clearTimeout(timer);
      dirty = false;
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    inFlight.then(function () {
      submitting = true;
      dirty = false;
      if (form.requestSubmit) {
        form.requestSubmit(submitter || undefined);
      } else {
        form.submit();
      }
    });
  });

  function leave() {
    if (dirty && !submitting) {
      save(true);
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      leave();
    }
  });
  window.addEventListener("pagehide", leave);
})();
