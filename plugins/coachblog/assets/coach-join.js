// Join page: a form made from the coach schema writes a coach's file and hands it to GitHub.
// What it checks comes from the rules the page carries (coaches/join.py, from the schema that
// scripts/check_coaches.py applies too). Every value is written as a JSON string, list or object,
// which YAML reads back exactly as typed, and field names come only from the rules: nothing typed
// can add a field or change another. Typed text reaches the page only through textContent.
(function () {
  "use strict";

  var root = document.getElementById("cb-join");
  var rulesElement = document.getElementById("cbj-rules");
  if (!root || !rulesElement || !window.URLSearchParams || !window.fetch || !window.Blob || !window.URL) return;

  var rules = JSON.parse(rulesElement.textContent);
  var fields = rules.fields;
  var byKey = {};
  fields.forEach(function (field) { byKey[field.key] = field; });
  var networks = rules.networks;
  var SCHEME = /^([a-z][a-z0-9+.-]*):/i;
  var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
  // Characters drawn as nothing or that move text around; joiners and variation selectors are left
  // to the full check, which allows them where emoji and some scripts need them.
  var HIDDEN = /(?![\u200c\u200d\ufe0e\ufe0f\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029\u2800\u3164\uffa0\u115f\u1160]/u;
  var slugPattern = new RegExp(rules.slug);

  var form = document.getElementById("cbj-form");
  var guide = document.getElementById("cbj-guide");
  var summary = document.getElementById("cbj-summary");
  var summaryList = document.getElementById("cbj-summary-list");
  var fromNote = document.getElementById("cbj-from");
  var preview = document.getElementById("cbj-preview");
  var slugInput = document.getElementById("cbj-slug");
  var nameInput = control("name");
  var placeInput = control("place");
  var countrySelect = control("country");
  var placeList = document.getElementById("cbj-place-list");
  var joinedInput = control("joined");
  var result = document.getElementById("cbj-result");
  var resultTitle = document.getElementById("cbj-result-title");
  var fileCode = document.getElementById("cbj-file");
  var githubLink = document.getElementById("cbj-action-github");
  var githubText = document.getElementById("cbj-action-github-text");
  var copyButton = document.getElementById("cbj-action-copy");
  var downloadLink = document.getElementById("cbj-action-download");
  var why = document.getElementById("cbj-why");
  var status = document.getElementById("cbj-status");
  var address = root.querySelector(".cbj-address");

  // Problems show from the first "Write my entry" on, then change as the coach types. Not before: a
  // problem appearing as a field is left would move the button away from under the pointer.
  var submitted = false;
  // An email address is checked as soon as its field is left with something in it: a slip there is
  // the one a coach cannot see in the preview, and the button is not under the pointer then.
  var left = {};
  var slugEdited = false;
  var editing = null; // the slug of the entry being changed (?from=), or null for a new one
  var places = null; // a Promise of [{label, key}], fetched on first use
  var placeRows = null;
  var taken = {}; // slug -> Promise of true (a coach has it) or false
  var takenNow = {}; // what `taken` found so far, for the checks that cannot wait
  var blobUrl = null;
  var suggestTimer = 0;
  var takenTimer = 0;

  // ---------------------------------------------------------------- text helpers

  function fold(text) {
    return window.coachblogFold.key(text); // text.search_key, from ascii-fold.js
  }

  function slugify(name) {
    return window.coachblogFold.slug(name); // text.slugify, from ascii-fold.js
  }

  function length(text) {
    return Array.from(text).length; // characters, as the check counts them, not UTF-16 units
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function isoDate(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function lowerFirst(text) {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }

  // ---------------------------------------------------------------- the file

  // A JSON string is a YAML double-quoted scalar. Characters YAML reads as line breaks or refuses
  // in a file (NEL, line and paragraph separators, C1 controls, byte order marks) are escaped too,
  // and half of a surrogate pair, which no YAML reader takes even escaped, becomes U+FFFD.
  function yamlString(text) {
    var whole = String(text).replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, function (pair) {
      return pair.length === 2 ? pair : "\ufffd";
    });
    return JSON.stringify(whole).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (char) {
      return "\\u" + ("000" + char.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function yamlValue(field, value) {
    if (field.kind === "social") {
      var pairs = networks.filter(function (n) { return typeof value[n.key] === "string" && value[n.key]; })
        .map(function (n) { return yamlString(n.key) + ": " + yamlString(value[n.key]); });
      return pairs.length ? "{" + pairs.join(", ") + "}" : null;
    }
    if (Array.isArray(value)) {
      var items = value.filter(function (item) { return typeof item === "string" && item; });
      return items.length ? "[" + items.map(yamlString).join(", ") + "]" : null;
    }
    return typeof value === "string" && value ? yamlString(value) : null;
  }

  // The coach file: one line per field, in the schema's order, with the guide's comment after it.
  function fileText(values, slug) {
    var name = slugPattern.test(slug || "") ? slug : "your-name";
    var lines = [
      "# " + rules.folder + name + rules.suffix + ": an entry in the coach directory, written with the join page.",
      "# Everything in it is public. CONTRIBUTING.md explains each line.",
    ];
    fields.forEach(function (field) {
      var value = values[field.key];
      var written = value === undefined || value === null ? null : yamlValue(field, value);
      if (written !== null) lines.push(field.key + ": " + written + "  # " + field.comment);
    });
    return lines.join("\n") + "\n";
  }

  // ---------------------------------------------------------------- reading the form

  function fieldId(key) {
    return "cbj-f-" + key; // a prefix of their own: no field name can take another element's id
  }

  function networkId(key) {
    return fieldId("social") + "-" + key;
  }

  function control(key) {
    return document.getElementById(fieldId(key));
  }

  function networkInput(key) {
    return document.getElementById(networkId(key));
  }

  function boxes(key) {
    return Array.prototype.slice.call(form.querySelectorAll("input[type='checkbox'][name='" + key + "']"));
  }

  function readField(field) {
    if (field.kind === "choices") {
      var chosen = boxes(field.key).filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      return field.choices.filter(function (choice) { return chosen.indexOf(choice) !== -1; });
    }
    if (field.kind === "social") {
      var links = {};
      networks.forEach(function (n) {
        var input = networkInput(n.key);
        if (input && input.value.trim()) links[n.key] = input.value.trim();
      });
      return links;
    }
    var element = control(field.key);
    if (!element) return null;
    var text = element.value.replace(/\r\n?/g, "\n");
    if (field.kind === "texts") {
      return text.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
    }
    return text.trim();
  }

  function readForm() {
    var values = {};
    fields.forEach(function (field) {
      var value = readField(field);
      var empty = value === null || value === "" || (Array.isArray(value) && !value.length) ||
        (typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length);
      if (!empty) values[field.key] = value;
    });
    return values;
  }

  // ---------------------------------------------------------------- the checks

  function textProblem(field, text) {
    var count = length(text);
    var most = field.max;
    if (most && count > most) return "is " + count + " characters long: at most " + most + ". Please shorten it.";
    if (!field.multiline && /\n/.test(text)) return "must be on one line.";
    if (HIDDEN.test(field.multiline ? text.replace(/\n/g, "") : text)) {
      return "has an invisible or control character in it. Please type it again.";
    }
    return null;
  }

  function hostProblem(host) {
    var name = host.toLowerCase().replace(/\.$/, "");
    if (/^\[.*\]$/.test(name) || /^[0-9.]+$/.test(name) || /^0x[0-9a-f.x]+$/.test(name)) {
      return "is a link to an IP address, not a site name.";
    }
    if (name === "localhost") return "is a link to this computer.";
    if (!name || name.replace(/^\.+|\.+$/g, "").indexOf(".") === -1) return "has no proper site name after https://.";
    if (rules.private_suffixes.some(function (suffix) { return name.slice(-suffix.length) === suffix; })) {
      return "is a link to a private or reserved site name.";
    }
    return null;
  }

  function urlProblem(text) {
    if (length(text) > rules.url_max) return "is " + length(text) + " characters long: at most " + rules.url_max + ".";
    if (/\s/.test(text) || HIDDEN.test(text)) return "has spaces in it. Please remove them.";
    var scheme = SCHEME.exec(text);
    if (!scheme) {
      return /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(text) ? "needs https:// at the start: write https://" + text + "."
        : "is not a web address. It should start with https://.";
    }
    if (rules.link_schemes.indexOf(scheme[1].toLowerCase()) === -1) return "must start with https:// (or http://).";
    var url;
    try {
      url = new URL(text);
    } catch (error) {
      return "is not a web address.";
    }
    if (url.username || url.password) return "has a user name or password in it.";
    return hostProblem(url.hostname);
  }

  function emailProblem(text) {
    if (/^mailto:/i.test(text)) return "starts with “mailto:”. Write just the address: " + text.slice(7) + ".";
    if (length(text) > rules.email_max || !new RegExp(rules.email).test(text)) {
      return "should look like alex@example.org.";
    }
    var host = hostProblem(text.slice(text.lastIndexOf("@") + 1));
    return host ? host.replace(/\.$/, "") + ": give an address runners can write to from anywhere." : null;
  }

  function photoProblem(text) {
    if (SCHEME.test(text)) return urlProblem(text);
    var folderName = rules.folder.replace(/\/$/, "").split("/").pop() + "/";
    if (text.indexOf(rules.folder) === 0 || text.indexOf(folderName) === 0) {
      var rest = text.indexOf(rules.folder) === 0 ? text.slice(rules.folder.length) : text.slice(folderName.length);
      return "starts with the folder's name. Write " + rest + ".";
    }
    if (text.charAt(0) === "/" || text.indexOf("\\") !== -1 || text.split("/").indexOf("..") !== -1) {
      return "is not a path inside " + rules.folder + ".";
    }
    var dot = text.lastIndexOf(".");
    if (dot === -1 || rules.photo_suffixes.indexOf(text.slice(dot).toLowerCase()) === -1) {
      return "is not a " + rules.photo_suffixes.join(", ") + " file.";
    }
    return null;
  }

  function socialProblem(network, text) {
    if (text.indexOf("/") !== -1 || SCHEME.test(text)) {
      var link = SCHEME.test(text) ? text : "https://" + text;
      var problem = urlProblem(link);
      if (problem) return problem;
      var host = new URL(link).hostname.toLowerCase();
      var hosts = network.hosts.concat(rules.example_hosts);
      var ours = hosts.some(function (h) { return host === h || host.slice(-h.length - 1) === "." + h; });
      if (network.hosts.length && !ours) {
        return "should be a link on " + network.hosts.join(" or ") + ", or your user name there.";
      }
      return null;
    }
    var handle = text.replace(/^@/, "");
    if (network.key === "bluesky" && handle && handle.indexOf(".") === -1) handle += ".bsky.social";
    if (!new RegExp(network.handle).test(handle)) {
      return "should be a link starting https://, or a user name like " + network.example + ".";
    }
    return null;
  }

  function dateProblem(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    var date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
    if (!date || date.getMonth() !== Number(match[2]) - 1 || date.getDate() !== Number(match[3])) {
      return "is not a date. Write it like " + isoDate(new Date()) + ".";
    }
    var tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    return text > isoDate(tomorrow) ? "is in the future. Use today's date or earlier." : null;
  }

  function fieldProblem(field, value, values) {
    if (field.kind === "text" || field.kind === "place") {
      return textProblem(field, value) || (field.kind === "place" ? placeProblem(value, values) : null);
    }
    if (field.kind === "texts") {
      if (value.length > field.max_items) return "has " + value.length + " lines: at most " + field.max_items + ".";
      for (var i = 0; i < value.length; i++) {
        var problem = textProblem(field, value[i]);
        if (problem) return "line " + (i + 1) + " " + problem;
      }
      return null;
    }
    if (field.kind === "coordinate") {
      var limit = field.key === "latitude" ? 90 : 180;
      if (!NUMBER.test(value) || Math.abs(Number(value)) > limit) {
        return "is not a number of degrees: write a decimal number from -" + limit + " to " + limit + ", without N, S, E or W.";
      }
      return null;
    }
    if (field.kind === "url") return urlProblem(value);
    if (field.kind === "email") return emailProblem(value);
    if (field.kind === "photo") return photoProblem(value);
    if (field.kind === "date") return dateProblem(value);
    if (field.kind === "github") {
      return new RegExp(rules.github_user).test(value.replace(/^@/, "")) ? null
        : "should be just your user name: letters, digits and single hyphens, such as alex-example.";
    }
    if (field.kind === "choices") {
      var bad = value.filter(function (item) { return field.choices.indexOf(item) === -1; });
      return bad.length ? "has a value that is not on the list: " + bad.join(", ") + "." : null;
    }
    return null;
  }

  function placeProblem(text, values) {
    if (values.latitude || values.longitude || !placeRows) return null;
    var range = rules.places.countries[values.country];
    if (!range) return null; // no coach there yet, so the page has no list: the check on GitHub looks it up
    var key = fold(text);
    var comma = text.lastIndexOf(",");
    var base = comma === -1 ? null : fold(text.slice(0, comma));
    for (var i = range[0]; i < range[1]; i++) {
      var row = placeRows[i];
      if (row.key === key || (base && row.key.split(",")[0] === base)) return null;
    }
    var close = closeTo(text, 3);
    var country = countrySelect.options[countrySelect.selectedIndex].text;
    return "is not a town or village we know in " + country + "." +
      (close.length ? " Did you mean " + close.join(" or ") + "?" : "") +
      " Pick one of the suggestions, or give your position under “My town or village is not in the list”.";
  }

  // Every problem with the form, as [{id, label, message}]: the id is the control (or group) it is about.
  function problems(values) {
    var found = [];
    fields.forEach(function (field) {
      var value = values[field.key];
      if (field.kind === "social") {
        networks.forEach(function (network) {
          var text = value && value[network.key];
          var problem = text ? socialProblem(network, text) : null;
          if (problem) found.push({ id: networkId(network.key), label: network.label, message: network.label + " " + problem });
        });
        return;
      }
      if (value === undefined) {
        if (field.required) {
          var message = field.kind === "choices" ? "Choose at least one under “" + field.label + "”."
            : "Enter " + field.what + ".";
          found.push({ id: fieldId(field.key), label: field.label, message: message });
        }
        return;
      }
      var problem = fieldProblem(field, value, values);
      if (problem) found.push({ id: fieldId(field.key), label: field.label, message: field.label + " " + problem });
    });
    var lat = values.latitude !== undefined;
    var lon = values.longitude !== undefined;
    if (lat !== lon) {
      var missing = lat ? "longitude" : "latitude";
      found.push({ id: fieldId(missing), label: byKey[missing].label,
                   message: "Give " + missing + " too, or neither: they go together." });
    }
    if (!rules.contact.some(function (key) { return values[key] !== undefined; })) {
      found.push({ id: "cbj-contact", label: "How runners reach you",
                   message: "Give at least one way to reach you: an email address, a contact page or a social profile." });
    }
    var slugProblem = slugCheck(slugInput.value.trim());
    if (slugProblem && (values.name || slugEdited)) found.push({ id: "cbj-slug", label: "Your page's address", message: slugProblem });
    var size = new Blob([fileText(values, slugInput.value.trim())]).size;
    if (size > rules.max_bytes) {
      found.push({ id: fieldId("bio"), label: byKey.bio ? byKey.bio.label : "Your entry",
                   message: "Your entry is " + size + " bytes long: at most " + rules.max_bytes + ". Please shorten it." });
    }
    return found;
  }

  function slugCheck(slug) {
    if (!slug) return "Enter the address of your page: your name in lowercase, with hyphens.";
    if (!slugPattern.test(slug)) return "The address can only have lowercase letters and digits joined by single hyphens, such as alex-example.";
    if (rules.reserved.indexOf(slug) !== -1) return "The directory uses “" + slug + "” itself. Please choose another address, such as your name.";
    if (slug !== editing && takenNow[slug]) {
      return "Another coach already has the address “" + slug + "”. If that is you, change your entry instead; " +
        "if not, add your town, such as " + slug + "-" + (slugify(placeInput ? placeInput.value : "") || "town") + ".";
    }
    return null;
  }

  function isTaken(slug) {
    if (!slugPattern.test(slug) || slug === editing) return Promise.resolve(false);
    if (!taken[slug]) {
      taken[slug] = fetch(rules.entry.prefix + slug + rules.entry.suffix, { method: "HEAD", cache: "no-store" })
        .then(function (response) { return response.ok; }, function () { return false; })
        .then(function (found) {
          takenNow[slug] = found;
          return found;
        });
    }
    return taken[slug];
  }

  // ---------------------------------------------------------------- showing problems

  function describe(element, ids) {
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  var CONTACT_CONTROLS = rules.contact.map(fieldId); // the "at least one" rule's

  // Each control is described by its help and, while it has one, its problem (and the group's).
  function showProblems(found) {
    var visible = submitted ? found : found.filter(function (p) { return left[p.id]; });
    var byId = {};
    visible.forEach(function (p) { byId[p.id] = p; });
    root.querySelectorAll(".cbj-error").forEach(function (box) {
      var problem = byId[box.id.replace(/-error$/, "")];
      box.textContent = problem ? problem.message : "";
      box.hidden = !problem;
    });
    form.querySelectorAll("input[id], select[id], textarea[id], fieldset[id]").forEach(function (element) {
      var id = element.id;
      var ids = [id + "-help", id + "-count"].filter(function (helpId) { return document.getElementById(helpId); });
      var contact = CONTACT_CONTROLS.indexOf(id) !== -1;
      if (contact) ids.push("cbj-contact-help");
      if (byId[id]) ids.push(id + "-error");
      if (contact && byId["cbj-contact"]) ids.push("cbj-contact-error");
      describe(element, ids);
      if (element.tagName === "FIELDSET") return;
      if (byId[id] || (contact && byId["cbj-contact"])) element.setAttribute("aria-invalid", "true");
      else element.removeAttribute("aria-invalid");
    });
    if (submitted) showSummary(visible);
  }

  function where(problem) {
    return document.getElementById(problem.id === "cbj-contact" ? "cbj-contact-error" : problem.id);
  }

  // The problems in the order their fields come in the form.
  function inFormOrder(found) {
    return found.slice().sort(function (a, b) {
      var first = where(a);
      var second = where(b);
      if (!first || !second || first === second) return 0;
      return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  function showSummary(found) {
    found = inFormOrder(found);
    summaryList.textContent = "";
    summary.hidden = found.length === 0;
    document.getElementById("cbj-summary-title").textContent = found.length === 1
      ? "Please check this answer" : "Please check these " + found.length + " answers";
    found.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + (problem.id === "cbj-contact" ? fieldId(rules.contact[0]) : problem.id);
      link.textContent = problem.message;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        focusControl(problem.id);
      });
      item.appendChild(link);
      summaryList.appendChild(item);
    });
  }

  function focusControl(id) {
    var target = id === "cbj-contact" ? control(rules.contact[0]) : document.getElementById(id);
    if (!target) return;
    if (target.tagName === "FIELDSET") target = target.querySelector("input") || target;
    var details = target.closest("details");
    if (details) details.open = true;
    target.focus();
    target.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- places

  function loadPlaces() {
    if (!places) {
      places = fetch(rules.places.href)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) {
          placeRows = json.places.map(function (row) { return { label: row[0], key: fold(row[0]) }; });
          return placeRows;
        });
      places.catch(function () { places = null; }); // the check on GitHub still looks the place up
    }
    return places.catch(function () { return null; });
  }

  function suggestionsFor(text, count) {
    var range = rules.places.countries[countrySelect.value];
    var key = fold(text);
    var found = [];
    if (!placeRows || !range || !key) return found;
    for (var i = range[0]; i < range[1] && found.length < count; i++) {
      if (placeRows[i].key.indexOf(key) === 0) found.push(placeRows[i].label);
    }
    return found;
  }

  // Places whose names start as this one does, or as much of it as some place's does (a slip at the end).
  function closeTo(text, count) {
    var found = [];
    for (var end = text.length; end >= 3 && !found.length; end--) found = suggestionsFor(text.slice(0, end), count);
    return found;
  }

  function suggest() {
    loadPlaces().then(function () {
      placeList.textContent = "";
      suggestionsFor(placeInput.value, 8).forEach(function (label) {
        var option = document.createElement("option");
        option.value = label;
        placeList.appendChild(option);
      });
    });
  }

  // ---------------------------------------------------------------- the preview

  function addSpan(parent, className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(span);
  }

  function labelsOf(key, values) {
    var field = byKey[key];
    return (values[key] || []).map(function (value) { return field.labels[value] || value; });
  }

  // The finder's entry for this coach, in the finder's own markup (coach-finder.js, coachItem).
  function updatePreview(values) {
    var item = document.createElement("li");
    item.className = "cb-coach";
    var name = document.createElement("a");
    name.className = "cb-coach__name";
    name.textContent = values.name || "Your name";
    item.appendChild(name);
    var country = countrySelect ? countrySelect.options[countrySelect.selectedIndex].text : "";
    addSpan(item, "cb-coach__where", [values.place || "Your town", country].filter(Boolean).join(", "));
    var ways = values.coaching || [];
    if (ways.indexOf("online") !== -1) {
      addSpan(item, "cb-badge", ways.length === 1 ? "Online only" : "Also online");
    }
    var about = labelsOf("specialties", values).join(", ") || "What you coach";
    addSpan(item, "cb-coach__about", about + " · " + (labelsOf("coaching", values).join(", ") || "How you coach"));
    preview.textContent = "";
    preview.appendChild(item);
  }

  function updateAddress() {
    var slug = slugInput.value.trim();
    var shown = slugPattern.test(slug) ? slug : "your-name";
    address.textContent = new URL(rules.profile.prefix + shown + rules.profile.suffix, location.href).href;
  }

  function updateCount() {
    var bio = control("bio");
    var count = document.getElementById(fieldId("bio") + "-count");
    if (bio && count && byKey.bio.max) count.textContent = length(bio.value.trim()) + " of " + byKey.bio.max + " characters";
  }

  // ---------------------------------------------------------------- the result

  function say(text) {
    status.textContent = text;
  }

  function githubAddress(text, fileName) {
    if (!rules.github) return null;
    if (editing) return rules.github.edit + encodeURIComponent(fileName);
    return rules.github["new"] + "?filename=" + encodeURIComponent(fileName) + "&value=" + encodeURIComponent(text);
  }

  function explain(parts) {
    why.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") {
        why.appendChild(document.createTextNode(part));
      } else {
        var link = document.createElement("a");
        link.href = part.href;
        link.textContent = part.text;
        why.appendChild(link);
      }
    });
    why.hidden = parts.length === 0;
  }

  function showResult(values, moveFocus) {
    var slug = slugInput.value.trim();
    var fileName = slug + rules.suffix;
    var text = fileText(values, slug);
    fileCode.textContent = text;
    root.querySelectorAll(".cbj-filename").forEach(function (code) { code.textContent = fileName; });
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    downloadLink.href = blobUrl;
    downloadLink.download = fileName;
    var address = githubAddress(text, fileName);
    var tooLong = address !== null && address.length > rules.github.max;
    var mode = !rules.github ? "none" : editing ? "edit" : tooLong ? "long" : "new";
    if (githubLink) {
      githubLink.hidden = mode === "long";
      if (!githubLink.hidden) githubLink.href = address;
      githubText.textContent = mode === "edit" ? "Open my file on GitHub" : "Propose it on GitHub";
    }
    ["new", "edit", "long"].forEach(function (name) {
      var steps = document.getElementById("cbj-steps-" + name);
      if (steps) steps.hidden = name !== mode;
    });
    if (mode === "none") {
      explain(["This site's settings name no GitHub repository, so this page cannot open GitHub for you. " +
               "Copy the text or download the file, and send it to the people who run this site, or add it " +
               "to the folder " + rules.folder + " of the site's source"]
        .concat(rules.guide ? [" as ", { href: rules.guide, text: "the guide for coaches" }, " explains."] : ["."]));
    } else if (mode === "long") {
      explain(["Your entry would make a web address of " + address.length.toLocaleString("en") + " characters, too long " +
               "to hand to GitHub in one (we keep to " + rules.github.max.toLocaleString("en") + ", which every browser " +
               "and server takes). Copy the text or download the file, and add it on GitHub as below."]);
      document.getElementById("cbj-action-github-empty").href = rules.github["new"] + "?filename=" + encodeURIComponent(fileName);
    } else {
      explain(mode === "edit" ? ["GitHub's page for changing a file cannot be filled in from here: copy your text, " +
                                 "then paste it over the old one, as below."] : []);
    }
    result.hidden = false;
    if (moveFocus) {
      say("");
      resultTitle.focus();
      resultTitle.scrollIntoView({ block: "start" });
    }
  }

  function copyText() {
    var text = fileCode.textContent;
    var done = function () { say("Copied. Now paste it into GitHub's box (Ctrl+V, or Cmd+V on a Mac)."); };
    var byHand = function () {
      var range = document.createRange();
      range.selectNodeContents(fileCode);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      if (copied) done();
      else say("The text is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.");
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, byHand);
    else byHand();
  }

  // ---------------------------------------------------------------- events

  function refresh() {
    var values = readForm();
    updatePreview(values);
    updateCount();
    updateAddress();
    var found = problems(values);
    showProblems(found);
    if (!result.hidden) {
      if (found.length) result.hidden = true;
      else showResult(values, false);
    }
    return found;
  }

  function checkAndWrite() {
    submitted = true;
    var slug = slugInput.value.trim();
    Promise.all([loadPlaces(), isTaken(slug)]).then(function () {
      var found = refresh();
      if (found.length) {
        result.hidden = true;
        summary.focus();
        summary.scrollIntoView({ block: "start" });
        return;
      }
      summary.hidden = true;
      showResult(readForm(), true);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checkAndWrite();
  });

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target === nameInput && !slugEdited && !editing) slugInput.value = slugify(nameInput.value);
    if (target === slugInput) slugEdited = true;
    if (target === placeInput) {
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(suggest, 120);
    }
    if (target === nameInput || target === slugInput) {
      var slug = slugInput.value.trim();
      clearTimeout(takenTimer);
      takenTimer = setTimeout(function () { isTaken(slug).then(refresh); }, 300);
    }
    refresh();
  });

  form.addEventListener("change", function (event) {
    if (event.target === countrySelect) suggest();
    refresh();
  });

  form.addEventListener("focusout", function (event) {
    var target = event.target;
    if (target.type === "email" && target.value.trim() && !left[target.id]) {
      left[target.id] = true;
      refresh();
    }
  });

  if (placeInput) placeInput.addEventListener("focus", loadPlaces);
  copyButton.addEventListener("click", copyText);

  // ---------------------------------------------------------------- starting from an entry (?from=)

  function fill(values) {
    fields.forEach(function (field) {
      var value = values[field.key];
      if (value === undefined || value === null) return;
      if (field.kind === "choices") {
        boxes(field.key).forEach(function (box) { box.checked = value.indexOf(box.value) !== -1; });
      } else if (field.kind === "social") {
        networks.forEach(function (network) {
          var input = networkInput(network.key);
          if (input && typeof value[network.key] === "string") input.value = value[network.key];
        });
      } else if (control(field.key)) {
        control(field.key).value = Array.isArray(value) ? value.join("\n") : String(value);
      }
    });
    if (values.latitude || values.longitude) document.getElementById("cbj-position").open = true;
  }

  function startFrom(slug) {
    if (!slugPattern.test(slug)) return Promise.resolve();
    return fetch(rules.entry.prefix + slug + rules.entry.suffix)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (entry) {
        editing = entry.slug;
        fill(entry.values || {});
        slugInput.value = entry.slug;
        slugInput.readOnly = true;
        fromNote.textContent = "You are changing the entry of " + (entry.values.name || entry.slug) +
          ". Change what you like, then write the entry: this page then shows how to put it in place of the old one.";
        fromNote.hidden = false;
      }, function () {
        fromNote.textContent = "No coach has the address “" + slug + "” yet. Fill in the form to add yourself.";
        fromNote.hidden = false;
      });
  }

  window.CoachJoin = { fileText: fileText, slugify: slugify }; // the file writer, for tests and the curious
  guide.hidden = true;
  form.hidden = false;
  if (joinedInput && !joinedInput.value) joinedInput.value = isoDate(new Date());
  var from = new URLSearchParams(location.search).get("from");
  (from ? startFrom(from) : Promise.resolve()).then(function () {
    if (editing) loadPlaces().then(refresh);
    refresh();
  });
})();
