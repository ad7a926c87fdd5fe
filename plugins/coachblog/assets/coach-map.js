// The finder's map follows the finder: on each "coachfinder:results" event (detail: {ids, place,
// radiusKm}) it hides the coaches left out, recounts each group, and draws the searched town and its
// radius. The map is drawn at build time (coaches/map.py); without this script it shows every coach.
(() => {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const KM_PER_DEGREE = (2 * Math.PI * 6371.0088) / 360; // as in coaches/map.py

  const show = (el, on) => (on ? el.removeAttribute("display") : el.setAttribute("display", "none"));

  function project(svg, lon, lat) {
    const d = svg.dataset;
    const width = svg.viewBox.baseVal.width;
    const east = ((((lon - Number(d.centerLon)) + 540) % 360) + 360) % 360 - 180;
    return [width / 2 + east * Number(d.kx), (Number(d.north) - lat) * Number(d.ky)];
  }

  function shape(name, attributes) {
    const el = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
    return el;
  }

  function drawPlace(svg, place, radiusKm) {
    const layer = svg.querySelector(".cb-map__search");
    if (!layer) return;
    layer.replaceChildren();
    if (!place || !Number.isFinite(place.lat) || !Number.isFinite(place.lon)) return;
    const [x, y] = project(svg, place.lon, place.lat);
    if (radiusKm > 0) {
      const ry = (radiusKm / KM_PER_DEGREE) * Number(svg.dataset.ky);
      const squeeze = Math.max(Math.cos((place.lat * Math.PI) / 180), 0.01);
      const rx = (radiusKm / (KM_PER_DEGREE * squeeze)) * Number(svg.dataset.kx);
      layer.append(shape("ellipse", { class: "cb-map__radius", cx: x, cy: y, rx, ry }));
    }
    // A diamond, not a dot, so the searched town never looks like a coach.
    layer.append(shape("rect", {
      class: "cb-map__place", x: x - 5, y: y - 5, width: 10, height: 10, transform: `rotate(45 ${x} ${y})`,
    }));
  }

  function follow(svg, detail) {
    const ids = Array.isArray(detail.ids) ? new Set(detail.ids) : null;
    for (const marker of svg.querySelectorAll("[data-coach-id]")) {
      show(marker, !ids || ids.has(marker.dataset.coachId));
    }
    for (const group of svg.querySelectorAll("[data-coach-ids]")) {
      const members = group.dataset.coachIds.split(" ");
      const shown = ids ? members.filter((id) => ids.has(id)) : members;
      const count = shown.length;
      show(group, count > 0);
      // A group the filters leave one coach in is that coach: a dot linking their profile, not a "1"
      // linking the list (when the map says how profiles are addressed: data-coach-href).
      const one = count === 1 && svg.dataset.coachHref ? shown[0] : null;
      if (!group.dataset.listHref) group.dataset.listHref = group.getAttribute("href") || "";
      group.setAttribute("href", one ? svg.dataset.coachHref.replace("{id}", one) : group.dataset.listHref);
      group.classList.toggle("cb-map__group--one", Boolean(one));
      const noun = count === 1 ? "coach" : "coaches";
      const near = group.dataset.near ? ` near ${group.dataset.near}` : "";
      const label = one ? `A coach${near}: their profile` : `${count} ${noun}${near}`;
      group.setAttribute("aria-label", label);
      const title = group.querySelector("title");
      if (title) title.textContent = label;
      const text = group.querySelector("text");
      if (text) text.textContent = String(count);
    }
    drawPlace(svg, detail.place, detail.radiusKm);
  }

  document.addEventListener("coachfinder:results", (event) => {
    const detail = (event && event.detail) || {};
    for (const svg of document.querySelectorAll("svg.cb-map__svg[data-kx]")) follow(svg, detail);
  });

  // The finder's map is a file of its own (data-src), fetched once the reader scrolls near it; then it
  // shows the finder's latest results (window.coachFinderResults, kept by coach-finder.js).
  function load(box) {
    if (box.dataset.loading) return;
    box.dataset.loading = "1";
    fetch(box.dataset.src)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((html) => {
        box.innerHTML = html;
        const latest = window.coachFinderResults;
        const svg = box.querySelector("svg.cb-map__svg[data-kx]");
        if (svg && latest) follow(svg, latest);
      })
      .catch(() => {
        box.textContent = "The map could not be loaded; the list has every coach.";
      });
  }

  for (const box of document.querySelectorAll(".cb-finder__map[data-src]")) {
    if (!("IntersectionObserver" in window)) {
      load(box);
      continue;
    }
    const watch = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        watch.disconnect();
        load(box);
      }
    }, { rootMargin: "300px 0px" });
    watch.observe(box);
  }
})();
