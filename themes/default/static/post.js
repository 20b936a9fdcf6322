// The "Copy as text post" button of a briefing page: puts the post's text on the clipboard or,
// where the browser does not allow that, shows the text selected for the reader to copy.
(function () {
  "use strict";
  var button = document.getElementById("post_copy");
  var text = document.getElementById("post_text");
  var status = document.getElementById("post_status");
  if (!button || !text || !status) return;

  function selectText() {
    document.getElementById("post_view").open = true;
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    text.scrollIntoView({ block: "nearest" });
  }

  function fallback() {
    selectText();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    status.textContent = copied ? "Copied. Paste it where you post."
      : "The text is selected below: copy it with Ctrl+C (⌘C on a Mac), or from the menu on a phone.";
  }

  button.addEventListener("click", function () {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return fallback();
    navigator.clipboard.writeText(text.textContent).then(function () {
      status.textContent = "Copied. Paste it where you post.";
    }, fallback);
  });
  button.hidden = false;
})();
