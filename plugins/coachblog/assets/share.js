// Share buttons: the plain links work alone; this adds the system share sheet, Mastodon and copy link.
(function () {
  "use strict";

  var STORAGE_KEY = "coachblog.mastodon-server";
  // A public host name: dot-separated labels, ending in a letter-only or punycode top-level label.
  var HOST = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

  // The host of a Mastodon server from what a reader types: a host, an address or a @user@host handle.
  function serverHost(typed) {
    var text = String(typed || "").trim();
    var handle = /^@?[^@\s/]+@([^@\s/]+)$/.exec(text);
    if (handle) text = handle[1];
    if (!/^https?:\/\//i.test(text)) text = "https://" + text;
    var url;
    try {
      url = new URL(text);
    } catch (error) {
      return null;
    }
    if (url.username || url.password || url.port) return null;
    return HOST.test(url.hostname) ? url.hostname : null;
  }

  function rememberedServer() {
    try {
      return serverHost(window.localStorage.getItem(STORAGE_KEY));
    } catch (error) {
      return null; // storage can be switched off; then we simply ask each time
    }
  }

  function remember(host) {
    try {
      if (host) window.localStorage.setItem(STORAGE_KEY, host);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* nothing to keep it in: the reader is asked again next time */
    }
  }

  function setUp(box) {
    if (box.hasAttribute("data-share-ready")) return;
    box.setAttribute("data-share-ready", "");
    var data = box.dataset;
    var status = box.querySelector(".cb-share__status");
    var form = box.querySelector(".cb-share__mastodon");
    var input = form.querySelector("input");
    var error = form.querySelector(".cb-share__error");
    var mastodon = box.querySelector("[data-share-action='mastodon']");
    var remembered = box.querySelector("[data-share-js='remembered']");
    var statusTimer = 0;

    function show(name, visible) {
      var item = box.querySelector("[data-share-js='" + name + "']");
      if (item) item.hidden = !visible;
    }

    function say(message) {
      window.clearTimeout(statusTimer);
      status.textContent = message;
      statusTimer = window.setTimeout(function () { status.textContent = ""; }, 8000);
    }

    function showServer() {
      var host = rememberedServer();
      remembered.hidden = !host;
      remembered.querySelector("[data-share-server]").textContent = host || "";
    }

    function shareOnMastodon(host) {
      var url = "https://" + host + "/share?text=" + encodeURIComponent(data.shareText);
      window.open(url, "_blank", "noopener");
    }

    function closeForm() {
      form.hidden = true;
      mastodon.setAttribute("aria-expanded", "false");
      mastodon.focus();
    }

    show("mastodon", true);
    show("copy", true);
    show("native", typeof navigator.share === "function");
    showServer();

    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-share-action]");
      if (!button) return;
      var action = button.getAttribute("data-share-action");
      if (action === "native") {
        navigator.share({ title: data.shareTitle, text: data.shareSummary, url: data.shareUrl })
          .catch(function (reason) {
            if (!reason || reason.name !== "AbortError") say("Sharing did not work; use one of the links instead.");
          });
      } else if (action === "copy") {
        copy();
      } else if (action === "mastodon") {
        var host = rememberedServer();
        if (host) {
          shareOnMastodon(host);
        } else {
          form.hidden = false;
          mastodon.setAttribute("aria-expanded", "true");
          input.focus();
        }
      } else if (action === "cancel") {
        closeForm();
      } else if (action === "forget") {
        remember(null);
        showServer();
        form.hidden = false;
        mastodon.setAttribute("aria-expanded", "true");
        input.focus();
      }
    });

    function copy() {
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        say("Copying is not possible in this browser. The link is " + data.shareUrl);
        return;
      }
      navigator.clipboard.writeText(data.shareUrl).then(
        function () { say("Link copied to the clipboard."); },
        function () { say("Could not copy the link. It is " + data.shareUrl); }
      );
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var host = serverHost(input.value);
      if (!host) {
        input.setAttribute("aria-invalid", "true");
        error.textContent = "That does not look like a server address. Type just the server, like mastodon.social.";
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      error.textContent = "";
      remember(host);
      showServer();
      closeForm();
      shareOnMastodon(host);
    });

    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeForm();
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".cb-share"), setUp);
  }

  // With Material's instant navigation, pages arrive without a reload; document$ announces each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
