// Copy buttons for the secrets a page shows once: <button type="button" class="copy" data-copy="ID">. The console's
// Content-Security-Policy runs no inline script, so this file is the console's only script, served from the jar.
// The secret is selected first, so that where the clipboard is not available (an old browser, a page not served over
// HTTPS to a remote browser) Ctrl+C still copies it, and the button's status says so.
(function () {
  "use strict";

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function say(button, text) {
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    if (status) {
      status.textContent = text;
    }
  }

  function copied(button) {
    button.textContent = "Copied";
    say(button, "Copied to the clipboard.");
  }

  function byHand(button) {
    say(button, "Selected: press Ctrl+C (or \u2318C) to copy.");
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    select(source);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); }, function () { fallback(button); });
    } else {
      fallback(button);
    }
  }

  function fallback(button) {
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    if (ok) {
      copied(button);
    } else {
      byHand(button);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy[data-copy]");
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });
})();
