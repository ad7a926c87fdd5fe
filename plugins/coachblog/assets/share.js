// Share buttons: the plain links work alone; this adds the system share sheet, Mastodon and copy link.
// Also the copy buttons of other pages (the subscribe page's feed address): [data-copy="<text>"].
(function () {
  "use strict";

  // The theme marks <html> before the first paint (overrides/main.html); a site without it is marked
  // here, and its script-only buttons appear now.
  var root = document.documentElement;
  root.classList.add("cb-js");
  if (typeof navigator.share === "function") root.classList.add("cb-can-share");

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

  // What only a script uses, built here so the page carries none of it: the Mastodon server form,
  // the remembered server and the status line that announces what happened.
  var EXTRA =
    '<form class="cb-share__mastodon" id="cb-share-mastodon" hidden novalidate>' +
    '<label for="cb-share-mastodon-server">Your Mastodon server</label>' +
    '<div class="cb-share__field"><input id="cb-share-mastodon-server" name="server" type="text" inputmode="url"' +
    ' autocomplete="off" autocapitalize="none" spellcheck="false" placeholder="mastodon.social"' +
    ' aria-describedby="cb-share-mastodon-help cb-share-mastodon-error">' +
    ' <button type="submit" class="cb-share__button">Share on Mastodon</button>' +
    ' <button type="button" class="cb-share__button" data-share-action="cancel">Cancel</button></div>' +
    '<p id="cb-share-mastodon-help" class="cb-share__help">The server your account is on, for example' +
    ' mastodon.social. This browser remembers it for next time.</p>' +
    '<p id="cb-share-mastodon-error" class="cb-share__error" aria-live="polite"></p></form>' +
    '<p class="cb-share__remembered" hidden>Mastodon server: <span data-share-server></span>' +
    ' <button type="button" class="cb-share__change" data-share-action="forget">Change</button></p>' +
    '<p class="cb-share__status" role="status" aria-live="polite"></p>';

  function setUp(box) {
    if (box.hasAttribute("data-share-ready")) return;
    box.setAttribute("data-share-ready", "");
    box.insertAdjacentHTML("beforeend", EXTRA);
    var data = box.dataset;
    var status = box.querySelector(".cb-share__status");
    var form = box.querySelector(".cb-share__mastodon");
    var input = form.querySelector("input");
    var error = form.querySelector(".cb-share__error");
    var mastodon = box.querySelector("[data-share-action='mastodon']");
    var remembered = box.querySelector(".cb-share__remembered");
    mastodon.setAttribute("aria-controls", form.id);
    var statusTimer = 0;

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
      var text = data.shareTitle + " " + data.shareUrl;
      var url = "https://" + host + "/share?text=" + encodeURIComponent(text);
      window.open(url, "_blank", "noopener");
    }

    function closeForm() {
      form.hidden = true;
      mastodon.setAttribute("aria-expanded", "false");
      mastodon.focus();
    }

    showServer();

    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-share-action]");
      if (!button) return;
      var action = button.getAttribute("data-share-action");
      if (action === "native") {
        var refused = function (reason) {
          if (!reason || reason.name !== "AbortError") say("Sharing did not work; use one of the links instead.");
        };
        try {
          Promise.resolve(navigator.share({ title: data.shareTitle, text: data.shareSummary, url: data.shareUrl }))
            .catch(refused);
        } catch (error) {
          refused(error);
        }
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
      copyText(data.shareUrl, say, "Link copied to the clipboard.", "the link");
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

  // Copies `text`, then says what happened; where the browser cannot, it shows the text to copy by hand.
  // A browser may also keep the promise waiting (a permission it never asks for): after two seconds
  // the reader is told, so a click is never met with silence.
  function copyText(text, say, done, what) {
    if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") {
      say("Copying is not possible in this browser. Select " + what + " and copy it: " + text);
      return;
    }
    var answered = false;
    function answer(message) {
      if (!answered) say(message);
      answered = true;
    }
    function failed() { answer("Could not copy " + what + ". It is " + text); }
    window.setTimeout(failed, 2000);
    try {
      navigator.clipboard.writeText(text).then(function () { answer(done); }, failed);
    } catch (error) {
      failed();
    }
  }

  // A copy button anywhere: data-copy holds the text, data-copy-status names the element that says so.
  function setUpCopy(button) {
    if (button.hasAttribute("data-copy-ready")) return;
    button.setAttribute("data-copy-ready", "");
    button.addEventListener("click", function () {
      var status = document.getElementById(button.getAttribute("data-copy-status") || "");
      var timer = 0;
      copyText(button.getAttribute("data-copy"), function (message) {
        if (!status) return;
        window.clearTimeout(timer);
        status.textContent = message;
        timer = window.setTimeout(function () { status.textContent = ""; }, 8000);
      }, "Address copied. Paste it into your feed reader.", "the address");
    });
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".cb-share"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUpCopy);
  }

  // With Material's instant navigation, pages arrive without a reload; document$ announces each one.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
