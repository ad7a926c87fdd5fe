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
        if (input && strip(input.value)) links[n.key] = strip(input.value);
      });
      return links;
    }
    var element = control(field.key);
    if (!element) return null;
    return asWritten(field, element.value.replace(/\r\n?/g, "\n"));
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
  // The rule table (coaches/rule_table.py) read kind by kind, rule for rule as the check reads it:
  // each interpreter below knows a kind, never a field, and says a refusal only in the table's words.

  function refuse(rule, values) {
    var text = rules.messages[rule].replace(/\{(\w+)\}/g, function (all, name) { return String(values[name]); });
    return { rule: rule, text: text };
  }

  // Spaces as the check trims them (Python's str.strip), which JavaScript's trim() does not quite match.
  var SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var EDGES = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");
  var SPACED = new RegExp(SPACE);
  var CONTROL = new RegExp("[" + rules.control + "]", "u");

  function strip(text) {
    return text.replace(EDGES, "");
  }

  function textRefusal(field, text) {
    var count = length(text);
    if (field.max && count > field.max) return refuse("text.long", { count: count, max: field.max });
    if (CONTROL.test(text)) return refuse("text.control", {});
    if (!field.multiline && /\n/.test(text)) return refuse("text.line", {});
    if (HIDDEN.test(field.multiline ? text.replace(/\n/g, "") : text)) return refuse("text.hidden", {});
    return null;
  }

  // An IPv6 address as Python's ipaddress takes one (the only name a link may give in brackets).
  function isIPv6(text) {
    var halves = text.split("::");
    if (halves.length > 2) return false;
    var groups = [];
    var parts = halves.map(function (half) { return half ? half.split(":") : []; });
    parts.forEach(function (part) { groups = groups.concat(part); });
    var last = groups[groups.length - 1] || "";
    var four = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
    var count = groups.length + (four.test(last) ? 1 : 0);
    if (four.test(last)) groups.pop();
    if (!groups.every(function (group) { return /^[0-9a-f]{1,4}$/i.test(group); })) return false;
    return halves.length === 2 ? count < 8 : count === 8;
  }

  // A link's parts as the check reads them (Python's urlsplit), or null where it cannot read it.
  function splitLink(text) {
    var url = text.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
    var scheme = SCHEME.exec(url);
    var rest = scheme ? url.slice(scheme[0].length) : url;
    var netloc = "";
    if (rest.slice(0, 2) === "//") {
      var end = rest.slice(2).search(/[/?#]/);
      netloc = end === -1 ? rest.slice(2) : rest.slice(2, 2 + end);
    }
    var open = netloc.indexOf("[") !== -1;
    if (open !== (netloc.indexOf("]") !== -1)) return null;
    if (open && !isIPv6(netloc.split("[")[1].split("]")[0])) return null;
    if (!/^[\x00-\x7f]*$/.test(netloc)) {
      var plain = netloc.replace(/[@:#?]/g, "");
      if (plain.normalize("NFKC") !== plain && /[/?#@:]/.test(plain.normalize("NFKC"))) return null;
    }
    var at = netloc.lastIndexOf("@");
    var login = at === -1 ? null : netloc.slice(0, at);
    var hostPort = netloc.slice(at + 1);
    var host = hostPort;
    var port = "";
    if (open) {
      host = hostPort.split("[")[1].split("]")[0];
      var after = hostPort.split("]").slice(1).join("]");
      port = after.indexOf(":") === -1 ? "" : after.slice(after.indexOf(":") + 1);
    } else if (hostPort.indexOf(":") !== -1) {
      host = hostPort.slice(0, hostPort.indexOf(":"));
      port = hostPort.slice(hostPort.indexOf(":") + 1);
    }
    if (port && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) return null;
    var colon = login === null ? -1 : login.indexOf(":");
    return {
      scheme: scheme ? scheme[1].toLowerCase() : "",
      host: host.toLowerCase(),
      login: Boolean(login && (colon === -1 ? login : login.slice(0, colon) || login.slice(colon + 1))),
      portZero: port !== "" && Number(port) === 0,
    };
  }

  function hostRefusal(host) {
    var name = host.toLowerCase().replace(/\.+$/, "");
    if ((name.indexOf(":") !== -1 && isIPv6(name)) || /^(?:[0-9.]+|0x[0-9a-f.x]+)$/.test(name)) return "host.ip";
    if (!name || name.replace(/^\.+|\.+$/g, "").indexOf(".") === -1) return name === "localhost" ? "host.computer" : "host.no_name";
    if (rules.private_suffixes.some(function (suffix) { return name.slice(-suffix.length) === suffix; })) return "host.private";
    return null;
  }

  function linkRefusal(text) {
    var parts = splitLink(text);
    if (!parts) return refuse("url.not_web", {});
    var count = length(text);
    if (count > rules.url_max) return refuse("url.long", { count: count, max: rules.url_max });
    if (CONTROL.test(text) || SPACED.test(text)) return refuse("url.spaces", {});
    if (!parts.scheme && /^[\p{L}\p{N}_.-]+\.[a-z]{2,}(\/|$)/iu.test(text)) return refuse("url.bare", { text: text });
    if (rules.link_schemes.indexOf(parts.scheme) === -1) return refuse(parts.scheme ? "url.scheme" : "url.no_scheme", {});
    if (parts.login || parts.portZero) return refuse("url.login", {});
    var host = hostRefusal(parts.host);
    return host ? refuse(host, {}) : null;
  }

  function suffixOf(path) {
    var name = path.split("/").filter(function (part) { return part && part !== "."; }).pop() || "";
    var dot = name.lastIndexOf(".");
    return dot > 0 && dot < name.length - 1 ? name.slice(dot).toLowerCase() : "";
  }

  function socialRefusal(network, text) {
    if (text.indexOf("/") !== -1 || SCHEME.test(text)) {
      var link = SCHEME.test(text) ? text : "https://" + text;
      var problem = linkRefusal(link);
      if (problem || !network.hosts.length) return problem;
      var host = splitLink(strip(link)).host;
      var ours = network.hosts.concat(rules.example_hosts).some(function (h) {
        return host === h || host.slice(-h.length - 1) === "." + h;
      });
      return ours ? null : refuse("social.host", { hosts: network.hosts.join(" or ") });
    }
    var handle = text.replace(/^@/, "");
    if (network.short && handle && handle.indexOf(".") === -1) handle += network.short;
    return new RegExp(network.handle).test(handle) ? null : refuse("social.handle", { example: network.example });
  }

  // One interpreter per kind of field: the first rule `value` breaks, as {rule, text}, or null.
  var KINDS = {
    text: function (field, text) { return textRefusal(field, text); },
    place: function (field, text, values) { return textRefusal(field, text) || placeProblem(text, values); },
    texts: function (field, lines) {
      if (lines.length > field.max_items) return refuse("texts.many", { count: lines.length, max: field.max_items });
      for (var i = 0; i < lines.length; i++) {
        var problem = textRefusal(field, lines[i]);
        if (problem) return { rule: problem.rule, text: refuse("texts.line", { line: i + 1, problem: problem.text }).text };
      }
      return null;
    },
    coordinate: function (field, text) {
      var number = new RegExp(field.pattern).test(text) ? Number(text) : NaN;
      return isNaN(number) || Math.abs(number) > field.degrees ? refuse("coordinate.form", { limit: field.degrees }) : null;
    },
    choices: function (field, chosen) {
      var bad = chosen.filter(function (item) { return field.choices.indexOf(item) === -1; });
      return bad.length ? refuse("choices.unknown", { values: bad.join(", ") }) : null;
    },
    url: function (field, text) { return linkRefusal(text); },
    email: function (field, text) {
      if (/^mailto:/i.test(text)) return refuse("email.mailto", { rest: text.slice(7) });
      if (length(text) > field.max || !new RegExp(field.pattern).test(text)) return refuse("email.form", {});
      var host = hostRefusal(text.slice(text.lastIndexOf("@") + 1));
      return host ? refuse("email." + host, {}) : null;
    },
    photo: function (field, text) {
      if (SCHEME.test(text)) return linkRefusal(text);
      var folderName = rules.folder.replace(/\/$/, "").split("/").pop() + "/";
      var prefix = [rules.folder, folderName].filter(function (p) { return text.indexOf(p) === 0; })[0];
      if (prefix) return refuse("photo.folder", { rest: text.slice(prefix.length) });
      var parts = text.split("/").filter(function (part) { return part && part !== "."; });
      if (text.charAt(0) === "/" || text.indexOf("\\") !== -1 || parts.indexOf("..") !== -1 || !parts.length) {
        return refuse("photo.outside", { folder: rules.folder });
      }
      var suffixes = rules.photo_suffixes;
      return suffixes.indexOf(suffixOf(text)) === -1 ? refuse("photo.suffix", { suffixes: suffixes.join(", ") }) : null;
    },
    date: function (field, text) {
      var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      var date = new Date(2000, 0, 1);
      if (match) date.setFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      if (!match || Number(match[1]) < 1 || date.getFullYear() !== Number(match[1]) ||
          date.getMonth() !== Number(match[2]) - 1 || date.getDate() !== Number(match[3])) {
        return refuse("date.form", { today: isoDate(new Date()) });
      }
      var tomorrow = new Date();
      tomorrow.setDate(tomorrow.getDate() + 1);
      return text > isoDate(tomorrow) ? refuse("date.future", {}) : null;
    },
    github: function (field, text) {
      var name = field.strip && text.indexOf(field.strip) === 0 ? text.slice(field.strip.length) : text;
      return new RegExp(field.pattern).test(name) ? null : refuse("github.form", {});
    },
  };

  function missing(field) {
    var rule = field.kind === "choices" ? "missing.choices" : "missing";
    return { rule: rule, text: refuse(rule, { what: field.what, label: field.label }).text };
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
    var meant = close.length ? refuse("place.close", { places: close.join(" or ") }).text : "";
    return refuse("place.unknown", { country: country, close: meant });
  }

  // A field's value as the form reads it and the file keeps it: stripped, a list of lines, or links.
  function asWritten(field, text) {
    if (field.kind === "texts") return text.split("\n").map(strip).filter(Boolean);
    return strip(text.replace(/\r\n?/g, "\n"));
  }

  // The first rule a field's value breaks, as the page says it: {rule, message}, or null.
  function refusal(field, value, values) {
    if (field.kind === "social") return null; // each network on its own: networkRefusal
    var empty = value === undefined || value === "" || (Array.isArray(value) && !value.length);
    if (empty) return field.required ? { rule: missing(field).rule, message: missing(field).text } : null;
    var problem = KINDS[field.kind] ? KINDS[field.kind](field, value, values) : null;
    return problem && { rule: problem.rule, message: field.label + " " + problem.text };
  }

  function networkRefusal(network, text) {
    var problem = text ? socialRefusal(network, text) : null;
    return problem && { rule: problem.rule, message: network.label + " " + problem.text };
  }

  // The page's verdict on one value typed into field `key` (or its `network`), for tests and the curious.
  function check(key, text, network) {
    var field = byKey[key];
    if (field.kind === "social") {
      return networkRefusal(networks.filter(function (n) { return n.key === network; })[0], strip(text));
    }
    return refusal(field, asWritten(field, text), {});
  }

  // Every problem with the form, as [{id, label, message}]: the id is the control (or group) it is about.
  function problems(values) {
    var found = [];
    fields.forEach(function (field) {
      var value = values[field.key];
      if (field.kind === "social") {
        networks.forEach(function (network) {
          var problem = networkRefusal(network, value && value[network.key]);
          if (problem) found.push({ id: networkId(network.key), label: network.label, message: problem.message });
        });
        return;
      }
      var problem = refusal(field, value, values);
      if (problem) found.push({ id: fieldId(field.key), label: field.label, message: problem.message });
    });
    var coordinates = fields.filter(function (field) { return field.kind === "coordinate"; });
    var absent = coordinates.filter(function (field) { return values[field.key] === undefined; });
    if (absent.length && absent.length < coordinates.length) {
      found.push({ id: fieldId(absent[0].key), label: absent[0].label,
                   message: refuse("coordinates.together", { missing: absent[0].key }).text });
    }
    if (!rules.contact.some(function (key) { return values[key] !== undefined; })) {
      found.push({ id: "cbj-contact", label: "How runners reach you", message: refuse("contact.none", {}).text });
    }
    var slugProblem = slugCheck(slugInput.value.trim());
    if (slugProblem && (values.name || slugEdited)) found.push({ id: "cbj-slug", label: "Your page's address", message: slugProblem });
    var size = new Blob([fileText(values, slugInput.value.trim())]).size;
    if (size > rules.max_bytes) {
      var longest = fields.filter(function (field) { return field.multiline; })[0];
      found.push({ id: fieldId(longest ? longest.key : rules.contact[0]), label: longest ? longest.label : "Your entry",
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

  // The file writer and the checks, for tests and the curious.
  window.CoachJoin = { fileText: fileText, slugify: slugify, check: check };
  guide.hidden = true;
  form.hidden = false;
  if (joinedInput && !joinedInput.value) joinedInput.value = isoDate(new Date());
  var from = new URLSearchParams(location.search).get("from");
  (from ? startFrom(from) : Promise.resolve()).then(function () {
    if (editing) loadPlaces().then(refresh);
    refresh();
  });
})();
