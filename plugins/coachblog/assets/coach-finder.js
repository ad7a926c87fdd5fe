// Coach finder: name search, filters and "near a place" over the coaches the page lists.
// Without this script the page is a complete list grouped by region; with it, matching coaches
// replace the list. Text from coach files only ever reaches the page through textContent.
(function () {
  "use strict";

  var root = document.getElementById("cb-finder");
  var dataElement = document.getElementById("cb-coach-data");
  if (!root || !dataElement || !window.URLSearchParams || !window.fetch) return;

  var PAGE_SIZE = 50;
  var KM_PER_MILE = 1.609344;
  var data = JSON.parse(dataElement.textContent);
  var specialtyKeys = data.specialties.map(function (pair) { return pair[0]; });
  var modeKeys = data.coaching.map(function (pair) { return pair[0]; });
  var ONLINE = 1 << modeKeys.indexOf("online");

  var coaches = data.coaches.map(function (row) {
    return { href: row[0], name: row[1], where: row[2], lat: row[3], lon: row[4], s: row[5], m: row[6],
             key: fold(row[1]), distance: null };
  });

  var form = document.getElementById("cb-finder-form");
  var nameInput = document.getElementById("cb-q");
  var nearInput = document.getElementById("cb-near");
  var suggestions = document.getElementById("cb-near-list");
  var radiusSelect = document.getElementById("cb-radius");
  var locateButton = document.getElementById("cb-locate");
  var clearNearButton = document.getElementById("cb-clear-near");
  var status = document.getElementById("cb-status");
  var results = document.getElementById("cb-results");
  var directory = document.getElementById("cb-directory");
  var mainPart = part("cb-results-main");
  var onlinePart = part("cb-results-online");
  var defaultRadius = radiusSelect.value;

  var origin = null; // {label, lat, lon, mine}
  var places = null; // a Promise of [[label, lat, lon], ...], fetched on first use
  var nameTimer = 0;
  var suggestTimer = 0;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[.'\u2019`]/g, "").replace(/[^a-z0-9,]+/g, " ").trim().replace(/^saint /, "st ");
  }

  function part(id) {
    var section = document.getElementById(id);
    return { section: section, title: section.querySelector("h2"), list: section.querySelector("ol"),
             more: section.querySelector(".cb-more"), items: [], shown: 0, distances: false };
  }

  function checked(name) {
    var boxes = form.querySelectorAll("input[name='" + name + "']:checked");
    return Array.prototype.map.call(boxes, function (box) { return box.value; });
  }

  function bits(values, keys) {
    return values.reduce(function (sum, value) { return sum | (1 << keys.indexOf(value)); }, 0);
  }

  function distanceKm(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * rad;
    var dLon = (b.lon - a.lon) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function formatDistance(km) {
    var miles = km / KM_PER_MILE;
    var shown = miles < 10 ? miles.toFixed(1) : String(Math.round(miles));
    return shown + " mi (" + Math.round(km) + " km)";
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "es");
  }

  function say(text) {
    status.textContent = text;
  }

  // ---------------------------------------------------------------- results

  function coachItem(coach, withDistance) {
    var item = document.createElement("li");
    item.className = "cb-coach";
    var link = document.createElement("a");
    link.className = "cb-coach__name";
    link.href = coach.href;
    link.textContent = coach.name;
    item.appendChild(link);
    var onlineOnly = coach.m === ONLINE;
    addSpan(item, "cb-coach__where", coach.where);
    if (withDistance && coach.distance !== null && !onlineOnly) {
      addSpan(item, "cb-coach__distance", formatDistance(coach.distance));
    }
    if (coach.m & ONLINE) addSpan(item, "cb-badge", onlineOnly ? "Online only" : "Also online");
    var about = labels(coach.s, data.specialties).join(", ") + " · " + labels(coach.m, data.coaching).join(", ");
    addSpan(item, "cb-coach__about", about);
    return item;
  }

  function addSpan(parent, className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    parent.appendChild(document.createTextNode(" "));
    parent.appendChild(span);
  }

  function labels(mask, pairs) {
    return pairs.filter(function (pair, index) { return mask & (1 << index); })
      .map(function (pair) { return pair[1]; });
  }

  function show(target, items, title, withDistance) {
    target.items = items;
    target.shown = 0;
    target.distances = withDistance;
    target.title.textContent = title;
    target.list.textContent = "";
    target.section.hidden = items.length === 0;
    more(target, false);
  }

  function more(target, moveFocus) {
    var fragment = document.createDocumentFragment();
    var end = Math.min(target.items.length, target.shown + PAGE_SIZE);
    var first = null;
    for (var i = target.shown; i < end; i++) {
      var item = coachItem(target.items[i], target.distances);
      first = first || item;
      fragment.appendChild(item);
    }
    target.list.appendChild(fragment);
    target.shown = end;
    var left = target.items.length - end;
    target.more.hidden = left <= 0;
    target.more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" + left + " not shown)";
    if (moveFocus && first) first.querySelector("a").focus();
  }

  [mainPart, onlinePart].forEach(function (target) {
    target.more.addEventListener("click", function () { more(target, true); });
  });

  // ---------------------------------------------------------------- filtering

  function state() {
    return { q: fold(nameInput.value), s: bits(checked("s"), specialtyKeys), m: bits(checked("m"), modeKeys),
             radius: Number(radiusSelect.value) };
  }

  function update() {
    var want = state();
    writeAddress();
    clearNearButton.hidden = !origin && !nearInput.value;
    if (!want.q && !want.s && !want.m && !origin) {
      results.hidden = true;
      directory.hidden = false;
      say(plural(coaches.length, "coach") + ", listed by country and region.");
      return;
    }
    var matches = coaches.filter(function (c) {
      return (!want.q || c.key.indexOf(want.q) !== -1) && (!want.s || (c.s & want.s)) && (!want.m || (c.m & want.m));
    });
    directory.hidden = true;
    results.hidden = false;
    if (origin) {
      showNear(matches, want.radius);
    } else {
      show(mainPart, matches, "Coaches", false);
      show(onlinePart, [], "", false);
      say(matches.length ? plural(matches.length, "coach") + (matches.length === 1 ? " matches." : " match.")
                         : "No coach matches. Try fewer filters.");
    }
  }

  function showNear(matches, radiusMiles) {
    var limit = radiusMiles ? radiusMiles * KM_PER_MILE : Infinity;
    var near = [];
    var online = [];
    matches.forEach(function (c) {
      c.distance = c.lat === null ? null : distanceKm(origin, c);
      if (c.m !== ONLINE && c.distance !== null && c.distance <= limit) near.push(c);
      else if (c.m & ONLINE) online.push(c);
    });
    near.sort(function (a, b) { return a.distance - b.distance; });
    var within = radiusMiles ? "within " + radiusMiles + " miles of " : "by distance from ";
    show(mainPart, near, "Near " + origin.label, true);
    show(onlinePart, online, "Coaching online", false);
    var text = plural(near.length, "coach") + " " + within + origin.label;
    if (online.length) text += ", and " + plural(online.length, "coach") + " coaching online";
    say(text + ".");
  }

  // ---------------------------------------------------------------- places

  function loadPlaces() {
    if (!places) {
      places = fetch(root.getAttribute("data-places"))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) {
          return json.places.map(function (row) { return { label: row[0], key: fold(row[0]), lat: row[1], lon: row[2] }; });
        });
      places.catch(function () {
        places = null;
        say("The list of places could not be loaded. Try again, or use your location.");
      });
    }
    return places;
  }

  function findPlace(list, text) {
    var key = fold(text);
    if (!key) return null;
    var exact = null;
    var byName = null;
    var prefix = null;
    for (var i = 0; i < list.length && !exact; i++) {
      var place = list[i];
      if (place.key === key) exact = place;
      else if (!byName && place.key.split(",")[0] === key) byName = place;
      else if (!prefix && place.key.indexOf(key) === 0) prefix = place;
    }
    return exact || byName || prefix;
  }

  function suggest() {
    var key = fold(nearInput.value);
    loadPlaces().then(function (list) {
      suggestions.textContent = "";
      if (!key) return;
      var found = 0;
      for (var i = 0; i < list.length && found < 8; i++) {
        if (list[i].key.indexOf(key) === 0) {
          var option = document.createElement("option");
          option.value = list[i].label;
          suggestions.appendChild(option);
          found++;
        }
      }
    });
  }

  function useTown() {
    var text = nearInput.value.trim();
    if (!text) {
      if (!origin || !origin.mine) origin = null;
      update();
      return Promise.resolve();
    }
    return loadPlaces().then(function (list) {
      var place = findPlace(list, text);
      if (!place) {
        origin = null;
        update();
        say("No town or village called “" + text + "” is in our list. Pick one of the suggestions.");
        return;
      }
      origin = { label: place.label, lat: place.lat, lon: place.lon, mine: false };
      nearInput.value = place.label;
      update();
    });
  }

  function useMyLocation() {
    if (!navigator.geolocation) {
      say("This browser cannot share your location. Type a town instead.");
      return;
    }
    say("Finding your location…");
    navigator.geolocation.getCurrentPosition(function (position) {
      origin = { label: "your location", lat: position.coords.latitude, lon: position.coords.longitude, mine: true };
      nearInput.value = "";
      update();
    }, function (error) {
      say(error.code === 1 ? "Your location was not shared, so we cannot sort by distance. Type a town instead."
                           : "Your location could not be found. Type a town instead.");
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  }

  // ---------------------------------------------------------------- the address bar

  function writeAddress() {
    var params = new URLSearchParams();
    if (nameInput.value.trim()) params.set("q", nameInput.value.trim());
    checked("s").forEach(function (value) { params.append("s", value); });
    checked("m").forEach(function (value) { params.append("m", value); });
    // Only a typed place goes in the address: a shared link never gives away where someone is.
    if (origin && !origin.mine) params.set("near", origin.label);
    if (radiusSelect.value !== defaultRadius) params.set("r", radiusSelect.value);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    nameInput.value = params.get("q") || "";
    ["s", "m"].forEach(function (name) {
      var wanted = params.getAll(name);
      form.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    var radius = params.get("r");
    if (radius && radiusSelect.querySelector("option[value='" + CSS.escape(radius) + "']")) radiusSelect.value = radius;
    nearInput.value = params.get("near") || "";
    return nearInput.value ? useTown() : Promise.resolve(update());
  }

  // ---------------------------------------------------------------- events

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(nameTimer);
    useTown();
  });
  form.addEventListener("change", function (event) {
    if (event.target === nearInput) useTown();
    else if (event.target !== nameInput) update();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      origin = null;
      suggestions.textContent = "";
      update();
    }, 0);
  });
  nameInput.addEventListener("input", function () {
    clearTimeout(nameTimer);
    nameTimer = setTimeout(update, 200);
  });
  nearInput.addEventListener("focus", loadPlaces);
  nearInput.addEventListener("input", function (event) {
    clearTimeout(suggestTimer);
    // Picking a suggestion replaces the text in one go: use it straight away.
    if (event.inputType === "insertReplacementText" || event.inputType === undefined) {
      useTown();
      return;
    }
    suggestTimer = setTimeout(suggest, 120);
  });
  locateButton.addEventListener("click", useMyLocation);
  clearNearButton.addEventListener("click", function () {
    nearInput.value = "";
    origin = null;
    update();
    nearInput.focus();
  });

  form.hidden = false;
  readAddress();
})();
