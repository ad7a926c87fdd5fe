// Coach finder: filters, name search and "near a place" over every coach of the directory.
// The page arrives drawn as this script keeps it (the form, then the first coaches by name), so
// nothing moves when it starts. The coaches' data (finder/coaches.json) is fetched on first use, the
// place names for suggestions in small files by their first letters. Text from coach files only
// ever reaches the page through textContent.
(function () {
  "use strict";

  var root = document.getElementById("cb-finder");
  var dataElement = document.getElementById("cb-coach-data");
  if (!root || !dataElement || !window.URLSearchParams || !window.fetch) return;

  var KM_PER_MILE = 1.609344;
  var SUGGESTIONS = 8;
  var meta = JSON.parse(dataElement.textContent);
  var PAGE_SIZE = meta.batch;
  var specialtyKeys = meta.specialties.map(function (pair) { return pair[0]; });
  var modeKeys = meta.coaching.map(function (pair) { return pair[0]; });
  var ONLINE = 1 << modeKeys.indexOf("online");
  var photos = meta.photos; // {folder, size} of the coaches' thumbnails; null when no coach has a photo
  var chunkNames = {};
  meta.chunks.forEach(function (name) { chunkNames[name] = true; });

  var form = document.getElementById("cb-finder-form");
  var nameInput = document.getElementById("cb-q");
  var nearInput = document.getElementById("cb-near");
  var listbox = document.getElementById("cb-near-list");
  var radiusSelect = document.getElementById("cb-radius");
  var locateButton = document.getElementById("cb-locate");
  var clearNearButton = document.getElementById("cb-clear-near");
  var chosen = document.getElementById("cb-chosen");
  var filters = document.getElementById("cb-filters");
  var status = document.getElementById("cb-status");
  var results = document.getElementById("cb-results");
  var mainPart = part("cb-results-main");
  var onlinePart = part("cb-results-online");
  var defaultRadius = radiusSelect.value;

  var store = null; // every coach, one typed array or list per field; see loadCoaches
  var storePromise = null;
  var chunks = {}; // suggestion file name -> Promise of [{label, key, lat, lon}]
  var origin = null; // {label, lat, lon, mine}
  var options = []; // the places suggested, in the order shown
  var active = -1; // the suggestion chosen with the arrow keys
  var nameTimer = 0;
  var suggestTimer = 0;
  var suggestion = 0; // counts suggestion requests, so a slow file never overwrites newer ones

  function fold(text) {
    // fold() in coachblog/coaches/pages.py, which names the suggestion files (ascii-fold.js, from text.py).
    return window.coachblogFold.key(text);
  }

  // slugify() in coachblog/text.py (ascii-fold.js): the data leaves out slugs made this way.
  function slugify(name) {
    return window.coachblogFold.slug(name);
  }

  function part(id) {
    var section = document.getElementById(id);
    var list = section.querySelector("ol");
    return { section: section, title: section.querySelector("h2"), list: list,
             more: section.querySelector(".cb-more"), items: null, shown: list.children.length, distances: false };
  }

  function checked(name) {
    var boxes = form.querySelectorAll("input[name='" + name + "']:checked");
    return Array.prototype.map.call(boxes, function (box) { return box.value; });
  }

  function bits(values, keys) {
    return values.reduce(function (sum, value) { return sum | (1 << keys.indexOf(value)); }, 0);
  }

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function formatDistance(km) {
    var miles = km / KM_PER_MILE;
    var shown = miles < 10 ? miles.toFixed(1) : String(Math.round(miles));
    return shown + " mi (" + Math.round(km) + " km)";
  }

  function number(count) {
    return count.toLocaleString("en-GB");
  }

  function plural(count, word) {
    return number(count) + " " + word + (count === 1 ? "" : "es");
  }

  // The one live region: written once per change, so a screen reader says the count once.
  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  // ---------------------------------------------------------------- the coaches' data

  function loadCoaches() {
    if (!storePromise) {
      storePromise = fetch(meta.data)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (d) {
          var n = d.count;
          var lat = new Float64Array(n);
          var lon = new Float64Array(n);
          var slug = new Array(n);
          var where = new Array(n);
          for (var i = 0; i < n; i++) {
            var place = d.places[d.place[i]];
            where[i] = place[0];
            lat[i] = place[1] === null ? NaN : place[1] / 1000;
            lon[i] = place[2] === null ? NaN : place[2] / 1000;
            slug[i] = d.slug[i] || slugify(d.name[i]);
          }
          store = { count: n, slug: slug, name: d.name, where: where, lat: lat, lon: lon,
                    s: Int32Array.from(d.s), m: Int32Array.from(d.m), photo: d.photo, key: null,
                    distance: new Float64Array(n),
                    all: Array.from({ length: n }, function (_, i) { return i; }) };
          return store;
        });
      storePromise.catch(function () {
        storePromise = null;
        say("The list of coaches could not be loaded. Check your connection and try again.");
      });
    }
    return storePromise;
  }

  function nameKeys() {
    if (!store.key) store.key = store.name.map(fold);
    return store.key;
  }

  // ---------------------------------------------------------------- results

  function coachItem(i, withDistance) {
    var item = document.createElement("li");
    item.className = "cb-coach";
    item.setAttribute("data-coach-id", store.slug[i]);
    var thumb = photoItem(i);
    if (thumb) item.appendChild(thumb);
    var link = document.createElement("a");
    link.className = "cb-coach__name";
    link.href = meta.profile[0] + store.slug[i] + meta.profile[1];
    link.textContent = store.name[i];
    item.appendChild(link);
    var onlineOnly = store.m[i] === ONLINE;
    addSpan(item, "cb-coach__where", store.where[i]);
    if (withDistance && !isNaN(store.distance[i]) && !onlineOnly) {
      addSpan(item, "cb-coach__distance", formatDistance(store.distance[i]));
    }
    if (store.m[i] & ONLINE) addSpan(item, "cb-badge", onlineOnly ? "Online only" : "Also online");
    var about = labels(store.s[i], meta.specialties).join(", ") + " · " + labels(store.m[i], meta.coaching).join(", ");
    addSpan(item, "cb-coach__about", about);
    return item;
  }

  // The thumbnail coach_finder.html prints (thumb), or in a list with photos the coach's initial. The
  // files are <slug>-<width>-<tag>.webp/.jpg; the key is the tag, or the tag and the widths when they
  // are not `size` and twice that (pictures/coach_photos.py).
  function photoItem(i) {
    if (!photos) return null;
    var key = store.photo[i];
    if (!key) {
      var initial = attributes(document.createElement("span"),
                               { "class": "cb-coach__initial", "aria-hidden": "true" });
      initial.textContent = String.fromCodePoint(store.name[i].codePointAt(0));
      return initial;
    }
    var parts = key.split("-");
    var widths = parts[1] ? parts.slice(1) : [photos.size, 2 * photos.size];
    function srcset(type) {
      return widths.map(function (width) {
        return photos.folder + store.slug[i] + "-" + width + "-" + parts[0] + type + " " + width + "w";
      }).join(", ");
    }
    var picture = document.createElement("picture");
    picture.appendChild(attributes(document.createElement("source"),
                                   { type: "image/webp", sizes: photos.size + "px", srcset: srcset(".webp") }));
    // In its picture, and lazy, before it has a file to fetch.
    attributes(picture.appendChild(document.createElement("img")), {
      "class": "cb-coach__photo", loading: "lazy", decoding: "async", width: photos.size, height: photos.size,
      alt: "", sizes: photos.size + "px", src: srcset(".jpg").split(" ")[0], srcset: srcset(".jpg")
    });
    return picture;
  }

  function attributes(element, values) {
    for (var name in values) element.setAttribute(name, values[name]);
    return element;
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
    target.section.hidden = items.length === 0 && target === onlinePart;
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
    target.more.textContent = "Show " + Math.min(left, PAGE_SIZE) + " more (" + number(left) + " not shown)";
    if (moveFocus && first) first.querySelector("a").focus();
  }

  [mainPart, onlinePart].forEach(function (target) {
    target.more.addEventListener("click", function () {
      loadCoaches().then(function () {
        if (!target.items) target.items = store.all; // the page's own first coaches: all, by name
        more(target, true);
        tellResults();
      });
    });
  });

  // For the map (coach-map.js): the coaches shown, in order, and the place and radius searched.
  function tellResults() {
    var ids = Array.prototype.map.call(results.querySelectorAll("[data-coach-id]"), function (item) {
      return item.getAttribute("data-coach-id");
    });
    var radius = Number(radiusSelect.value);
    var detail = {
      ids: ids,
      place: origin ? { name: origin.label, lat: origin.lat, lon: origin.lon } : null,
      radiusKm: origin && radius ? radius * KM_PER_MILE : null
    };
    window.coachFinderResults = detail; // for a script that starts after this one
    document.dispatchEvent(new CustomEvent("coachfinder:results", { detail: detail }));
  }

  // ---------------------------------------------------------------- filtering

  function state() {
    return { q: fold(nameInput.value), s: bits(checked("s"), specialtyKeys), m: bits(checked("m"), modeKeys),
             radius: Number(radiusSelect.value) };
  }

  // Runs synchronously once the data is in: a filter change is one pass over typed arrays.
  function update() {
    if (!store) {
      loadCoaches().then(update);
      return;
    }
    var want = state();
    writeAddress();
    clearNearButton.hidden = !origin && !nearInput.value;
    var count = checked("s").length + checked("m").length + (want.q ? 1 : 0);
    chosen.textContent = count ? "(" + count + " chosen)" : "";
    var keys = want.q ? nameKeys() : null;
    var matches = [];
    for (var i = 0; i < store.count; i++) {
      if ((!want.s || (store.s[i] & want.s)) && (!want.m || (store.m[i] & want.m)) &&
          (!keys || keys[i].indexOf(want.q) !== -1)) matches.push(i);
    }
    if (origin) {
      showNear(matches, want.radius);
    } else {
      show(mainPart, matches, "Coaches", false);
      show(onlinePart, [], "Coaching online", false);
      if (!count) say(plural(matches.length, "coach") + (matches.length ? ", by name." : "."));
      else say(matches.length ? plural(matches.length, "coach") + (matches.length === 1 ? " matches." : " match.")
                              : "No coach matches. Try fewer filters.");
    }
    tellResults();
  }

  function showNear(matches, radiusMiles) {
    var limit = radiusMiles ? radiusMiles * KM_PER_MILE : Infinity;
    var near = [];
    var online = [];
    for (var j = 0; j < matches.length; j++) {
      var i = matches[j];
      var d = isNaN(store.lat[i]) ? NaN : distanceKm(origin.lat, origin.lon, store.lat[i], store.lon[i]);
      store.distance[i] = d;
      if (store.m[i] !== ONLINE && d <= limit) near.push(i);
      else if (store.m[i] & ONLINE) online.push(i);
    }
    near.sort(function (a, b) { return store.distance[a] - store.distance[b]; });
    var within = radiusMiles ? "within " + radiusMiles + " miles of " : "by distance from ";
    show(mainPart, near, "Near " + origin.label, true);
    show(onlinePart, online, "Coaching online", false);
    var text = plural(near.length, "coach") + " " + within + origin.label;
    if (online.length) text += ", and " + plural(online.length, "coach") + " coaching online";
    say(text + ".");
  }

  // ---------------------------------------------------------------- places

  // The suggestion file holding places whose folded name starts with `key`: the longest file name
  // that begins it (a crowded file is split by one more letter at build time).
  function chunkFor(key) {
    for (var n = Math.min(key.length, 6); n >= 1; n--) {
      if (chunkNames[key.slice(0, n)]) return key.slice(0, n);
    }
    return null;
  }

  function loadChunk(name) {
    if (!chunks[name]) {
      var file = name.replace(/ /g, "_").replace(/,/g, "-");
      chunks[name] = fetch(meta.places + file + ".json")
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (d) {
          return d.label.map(function (label, i) {
            return { label: label, key: fold(label), lat: d.lat[i] / 1000, lon: d.lon[i] / 1000 };
          });
        });
      chunks[name].catch(function () { delete chunks[name]; });
    }
    return chunks[name];
  }

  function placesFor(key) {
    var name = chunkFor(key);
    return name ? loadChunk(name) : Promise.resolve([]);
  }

  function findPlace(list, key) {
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

  function setOpen(open) {
    listbox.hidden = !open;
    nearInput.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) setActive(-1);
  }

  function setActive(index) {
    var items = listbox.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = index;
    if (index < 0 || !items[index]) {
      nearInput.removeAttribute("aria-activedescendant");
      return;
    }
    items[index].setAttribute("aria-selected", "true");
    nearInput.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  }

  function suggest() {
    var key = fold(nearInput.value);
    var ask = ++suggestion;
    if (key.length < 2) {
      options = [];
      listbox.textContent = "";
      setOpen(false);
      return;
    }
    placesFor(key).then(function (list) {
      if (ask !== suggestion) return;
      var found = [];
      for (var i = 0; i < list.length && found.length < SUGGESTIONS; i++) {
        if (list[i].key.indexOf(key) === 0) found.push(list[i]);
      }
      showOptions(found);
      loadCoaches();
    }, function () {
      setOpen(false);
    });
  }

  function showOptions(places) {
    options = places;
    listbox.textContent = "";
    options.forEach(function (place, index) {
      var option = document.createElement("li");
      option.id = "cb-near-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = place.label;
      listbox.appendChild(option);
    });
    active = -1;
    setOpen(options.length > 0 && document.activeElement === nearInput);
  }

  // Places spelt nearly like `key` (a letter more, less, changed or two swapped: "Bettws-y-coed" for
  // Betws-y-Coed), closest first, among those of its suggestion file.
  function closeSpellings(list, key) {
    var most = key.length < 5 ? 1 : 2;
    var scored = [];
    list.forEach(function (place) {
      var name = place.key.split(",")[0];
      if (Math.abs(name.length - key.length) > most) return;
      var d = editDistance(name, key, most);
      if (d <= most) scored.push([d, place]);
    });
    scored.sort(function (a, b) { return a[0] - b[0]; });
    return scored.slice(0, SUGGESTIONS).map(function (pair) { return pair[1]; });
  }

  // Optimal string alignment distance, given up on once every path is over `most`.
  function editDistance(a, b, most) {
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        if (value < best) best = value;
      }
      if (best > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function usePlace(place) {
    suggestion++;
    setOpen(false);
    origin = { label: place.label, lat: place.lat, lon: place.lon, mine: false };
    nearInput.value = place.label;
    update();
  }

  function useTown() {
    var text = nearInput.value.trim();
    suggestion++;
    setOpen(false);
    if (!text) {
      if (!origin || !origin.mine) origin = null;
      update();
      return Promise.resolve();
    }
    var key = fold(text);
    return Promise.all([placesFor(key), loadCoaches()]).then(function (loaded) {
      var place = key ? findPlace(loaded[0], key) : null;
      if (place) {
        usePlace(place);
        return;
      }
      origin = null;
      update();
      var close = closeSpellings(loaded[0], key);
      nearInput.focus();
      showOptions(close);
      say("No town or village called “" + text + "” is in our list. " +
          (close.length ? "Did you mean " + close[0].label + "? Pick one of the suggestions." : "Pick one of the suggestions."));
    }, function () {
      say("The list of places could not be loaded. Try again, or use your location.");
    });
  }

  // The wait for a position counts from the click: a browser's question ("share your location?") can
  // sit unanswered, or be missed (Safari's), and the button must never seem dead meanwhile.
  var LOCATE_WAIT = 15000;

  function useMyLocation() {
    if (!navigator.geolocation || typeof navigator.geolocation.getCurrentPosition !== "function") {
      offerTownBox("This browser cannot share your location. Type a town instead.");
      return;
    }
    loadCoaches();
    say("Finding your location...");
    var waiting = setTimeout(function () {
      waiting = null;
      offerTownBox("Your location has not come. Type a town instead, or allow location and try again.");
    }, LOCATE_WAIT);
    function settled() {
      if (waiting !== null) clearTimeout(waiting);
      waiting = null;
    }
    try {
      navigator.geolocation.getCurrentPosition(function (position) {
        settled(); // a position that comes late is still the reader's answer: use it
        origin = { label: "your location", lat: position.coords.latitude, lon: position.coords.longitude, mine: true };
        nearInput.value = "";
        update();
      }, function (error) {
        settled();
        offerTownBox(error.code === 1 ? "Your location was not shared, so we cannot sort by distance. Type a town instead."
                                      : "Your location could not be found. Type a town instead.");
      }, { enableHighAccuracy: false, timeout: LOCATE_WAIT, maximumAge: 600000 });
    } catch (error) {
      settled();
      offerTownBox("Your location could not be found. Type a town instead.");
    }
  }

  function offerTownBox(text) {
    say(text);
    nearInput.focus();
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
    if (nearInput.value) useTown();
    else if (params.get("q") || params.get("s") || params.get("m")) update();
    else tellResults(); // the page as it came: nothing to fetch yet
  }

  // ---------------------------------------------------------------- events

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("change", function (event) {
    if (event.target !== nameInput && event.target !== nearInput) update();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      origin = null;
      options = [];
      listbox.textContent = "";
      setOpen(false);
      update();
    }, 0);
  });
  // Whatever the reader does first in the form, the coaches' data is on its way; in the town box,
  // once the first suggestions are shown, so that they come first.
  ["focusin", "pointerdown"].forEach(function (type) {
    form.addEventListener(type, function (event) { if (event.target !== nearInput) loadCoaches(); });
  });
  filters.addEventListener("toggle", function () { loadCoaches(); });
  nameInput.addEventListener("input", function () {
    clearTimeout(nameTimer);
    nameTimer = setTimeout(update, 200);
  });
  nameInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(nameTimer);
      update();
    }
  });
  nearInput.addEventListener("input", function () {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggest, 100);
  });
  nearInput.addEventListener("keydown", function (event) {
    var open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!options.length) return;
      if (!open) setOpen(true);
      var step = event.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(suggestTimer);
      if (open && active >= 0) usePlace(options[active]);
      else useTown();
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  });
  nearInput.addEventListener("blur", function () { setOpen(false); });
  // A press on a suggestion must not take the focus from the box first (which would close the list).
  listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
  listbox.addEventListener("click", function (event) {
    var option = event.target.closest("[role='option']");
    if (option) usePlace(options[Array.prototype.indexOf.call(listbox.children, option)]);
  });
  locateButton.addEventListener("click", useMyLocation);
  clearNearButton.addEventListener("click", function () {
    nearInput.value = "";
    origin = null;
    update();
    nearInput.focus();
  });

  readAddress();
})();
