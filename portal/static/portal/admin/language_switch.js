// modeltranslation's language switch starts on the first language, while each
// field opens on the tab of the admin's language (or of the field with an error):
// an English admin showed the first language's code over English tabs. Make the
// switch say what the tabs show, in the languages' own names. modeltranslation builds both when its
// own scripts are ready, which may be after "load", so this waits for them.
(function () {
  "use strict";

  function label(select) {
    Array.prototype.forEach.call(select.options, function (option) {
      var code = option.value && option.lang ? option.lang : option.textContent.trim();
      try {
        option.textContent = new Intl.DisplayNames([code], { type: "language" }).of(code);
        option.lang = code;
      } catch (error) {
        // An unknown code keeps its code as its label.
      }
    });
    if (!select.getAttribute("aria-label")) {
      // In the admin's language, from its JavaScript catalogue (window.gettext,
      // locale/*/LC_MESSAGES/djangojs.po), as the editor's dialogs are.
      var gettext = window.gettext || function (text) { return text; };
      select.setAttribute("aria-label", gettext("Editing language"));
    }
  }

  function follow(select, tabList) {
    var active = Array.prototype.findIndex.call(tabList.children, function (tab) {
      return tab.classList.contains("ui-tabs-active");
    });
    if (active >= 0) {
      select.value = String(active);
    }
  }

  function attempt(triesLeft) {
    var select = document.getElementById("modeltranslation-main-switch");
    var tabList = document.querySelector(".ui-tabs-nav");
    if (select && tabList) {
      label(select);
      follow(select, tabList);
    } else if (triesLeft > 0) {
      window.setTimeout(function () { attempt(triesLeft - 1); }, 100);
    }
  }

  window.addEventListener("load", function () { attempt(50); });
})();
