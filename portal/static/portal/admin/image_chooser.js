// The library's chooser, opened by the body editor's image dialog ("Browse…"):
// a click hands the image to the dialog the way django-prose-editor expects a
// file browser to (CKEditor's callFunction), then closes the pop-up.
(function () {
  "use strict";

  var params = new URLSearchParams(window.location.search);
  var callback = params.get("CKEditorFuncNum");
  var opener = window.opener;
  var editor = callback && opener && opener.CKEDITOR && opener.CKEDITOR.tools;

  document.addEventListener("DOMContentLoaded", function () {
    if (!editor) {
      document.querySelector(".image-chooser__closed").hidden = false;
      return;
    }
    document.querySelectorAll(".image-chooser__choice").forEach(function (button) {
      button.addEventListener("click", function () {
        editor.callFunction(callback, button.dataset.url, {
          id: button.dataset.id,
          alternative_text: button.dataset.alt,
          caption: button.dataset.caption,
        });
        window.close();
      });
    });
  });
})();
